export { conflictId, conflictPair } from './conflict.js';
export type {
  Conflict,
  ConflictInput,
  ConflictStore,
  ConflictValues,
  ResolvedConflict,
} from './conflict.js';
export { RedisConflictStore } from './redis-conflict-store.js';
export type { RedisConflictStoreOptions } from './redis-conflict-store.js';
