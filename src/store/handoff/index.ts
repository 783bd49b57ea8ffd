export type { HandoffStore, ListedRecord } from './handoff-store.js';
export { RedisHandoffStore } from './redis-handoff-store.js';
export type { RedisHandoffStoreOptions } from './redis-handoff-store.js';
