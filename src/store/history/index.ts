export type {
  EntityActivity,
  FieldChangeRecord,
  HistoryEntry,
  HistoryStore,
  LastError,
  LastSync,
} from './history.js';
export {
  HISTORY_MAX_ENTITIES,
  HISTORY_PER_ENTITY,
  RedisHistoryStore,
  type RedisHistoryStoreOptions,
} from './redis-history-store.js';
