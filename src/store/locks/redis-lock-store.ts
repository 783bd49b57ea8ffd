// LockStore on Redis: one hash per connection, `{prefix:conn}:locks`, entity key -> JSON lock.
import type { KeyLayout } from '../../redis/key-layout.js';
import { formatEntityKey, type ConnectionName, type EntityKey } from '../../vocabulary/index.js';
import type { RedisConnection } from '../lua-script.js';
import type { EntityLock, ListedLock, LockStore } from './lock-store.js';

export class RedisLockStore implements LockStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly layout: KeyLayout,
  ) {}

  async lock(connection: ConnectionName, key: EntityKey, lock: EntityLock): Promise<void> {
    await this.redis.hset(this.keyOf(connection), formatEntityKey(key), JSON.stringify(lock));
  }

  async unlock(connection: ConnectionName, key: EntityKey): Promise<boolean> {
    return (await this.redis.hdel(this.keyOf(connection), formatEntityKey(key))) > 0;
  }

  async get(connection: ConnectionName, key: EntityKey): Promise<EntityLock | undefined> {
    const text = await this.redis.hget(this.keyOf(connection), formatEntityKey(key));
    return text === null ? undefined : (JSON.parse(text) as EntityLock);
  }

  async list(connection: ConnectionName): Promise<ListedLock[]> {
    const all = await this.redis.hgetall(this.keyOf(connection));
    return Object.entries(all)
      .map(([member, text]) => ({
        ref: `${connection}:${member}`,
        ...(JSON.parse(text) as EntityLock),
      }))
      .sort((a, b) => a.ref.localeCompare(b.ref));
  }

  private keyOf(connection: ConnectionName): string {
    return `${this.layout.connection(connection)}:locks`;
  }
}
