export {
  ConflictResolveError,
  listConflicts,
  resolveConflict,
  type ConflictResolveCode,
  type ConflictScope,
  type ListedConflict,
  type ResolvedOutcome,
  type RouteSync,
} from './resolve-conflict.js';
