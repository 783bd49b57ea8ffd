export type { BegunIntent, WriteIntent, WriteIntentStore } from './write-intent.js';
export { DEFAULT_INTENT_TTL_MS, RedisWriteIntentStore } from './redis-write-intent-store.js';
export type { RedisWriteIntentStoreOptions } from './redis-write-intent-store.js';
