// The stores behind `offer-sync status`, `history`, `lock` and `pending`: one set per deployment,
// each keeping an entity's records under its own connection's hash tag.
import type { KeyLayout } from '../redis/key-layout.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import { RedisHistoryStore, RedisLockStore, RedisPendingStore } from '../store/index.js';

export interface OperatorStores {
  readonly history: RedisHistoryStore;
  readonly locks: RedisLockStore;
  readonly pending: RedisPendingStore;
}

export function createOperatorStores(redis: RedisConnection, layout: KeyLayout): OperatorStores {
  return {
    history: new RedisHistoryStore(redis, { layout }),
    locks: new RedisLockStore(redis, layout),
    pending: new RedisPendingStore(redis, layout),
  };
}
