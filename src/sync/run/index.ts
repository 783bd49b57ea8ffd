export { runSync } from './run-sync.js';
export type { SyncRequest } from './run-sync.js';
export type { SyncDeps } from './sync-deps.js';
export type { SyncAction, SyncResult } from './sync-result.js';
export { MappingRejectedError, ParentNotLinkedError } from './sync-errors.js';
export { refOf } from './operator-controls.js';
export type { SyncOperator } from './operator-controls.js';
