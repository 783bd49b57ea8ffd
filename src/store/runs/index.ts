export { RedisRunStore, heartbeatEvery } from './run-store.js';
export type { RunStore, RedisRunStoreOptions } from './run-store.js';
export { newRunId, isRunId } from './run-id.js';
