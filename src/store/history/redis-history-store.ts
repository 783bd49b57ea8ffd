// HistoryStore on Redis, under the entity's connection's hash tag:
//   {prefix:conn}:history:<entity key>   a list of JSON entries, newest first, trimmed to
//                                        `perEntity` (LTRIM)
//   {prefix:conn}:history:index          a sorted set of entity keys by their last write; past
//                                        `maxEntities` the least recently written entities'
//                                        lists are deleted, so history is bounded per connection
//   {prefix:conn}:activity               a hash: `sync:<entity key>` and `error:<entity key>`,
//                                        the last sync and last error (one small field per
//                                        synced entity, like its link)
import type { KeyLayout } from '../../redis/key-layout.js';
import { formatEntityKey, type ConnectionName, type EntityKey } from '../../vocabulary/index.js';
import type { RedisConnection } from '../lua-script.js';
import type { EntityActivity, HistoryEntry, HistoryStore, LastError, LastSync } from './history.js';

/** Entries kept per entity. */
export const HISTORY_PER_ENTITY = 100;
/** Entities with a history kept per connection. */
export const HISTORY_MAX_ENTITIES = 10_000;

export interface RedisHistoryStoreOptions {
  layout: KeyLayout;
  /** @defaultValue HISTORY_PER_ENTITY */
  perEntity?: number;
  /** @defaultValue HISTORY_MAX_ENTITIES */
  maxEntities?: number;
}

export class RedisHistoryStore implements HistoryStore {
  private readonly perEntity: number;
  private readonly maxEntities: number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisHistoryStoreOptions,
  ) {
    this.perEntity = options.perEntity ?? HISTORY_PER_ENTITY;
    this.maxEntities = options.maxEntities ?? HISTORY_MAX_ENTITIES;
  }

  async record(connection: ConnectionName, key: EntityKey, entry: HistoryEntry): Promise<void> {
    const member = formatEntityKey(key);
    const index = this.indexOf(connection);
    const results = await this.redis
      .multi()
      .lpush(this.listOf(connection, member), JSON.stringify(entry))
      .ltrim(this.listOf(connection, member), 0, this.perEntity - 1)
      .zadd(index, Date.parse(entry.at), member)
      .zcard(index)
      .exec();
    const count = Number(results?.[3]?.[1] ?? 0);
    if (count <= this.maxEntities) return;
    // The least recently written entities go, lists and all. Not atomic with the write above: a
    // race only means an entity written at this very moment may lose its older entries.
    const evicted = await this.redis.zrange(index, 0, count - this.maxEntities - 1);
    if (evicted.length === 0) return;
    await this.redis
      .multi()
      .del(...evicted.map((name) => this.listOf(connection, name)))
      .zrem(index, ...evicted)
      .exec();
  }

  async list(connection: ConnectionName, key: EntityKey): Promise<HistoryEntry[]> {
    const texts = await this.redis.lrange(this.listOf(connection, formatEntityKey(key)), 0, -1);
    return texts.map((text) => JSON.parse(text) as HistoryEntry);
  }

  async setLastSync(connection: ConnectionName, key: EntityKey, lastSync: LastSync): Promise<void> {
    await this.redis.hset(
      this.activityOf(connection),
      `sync:${formatEntityKey(key)}`,
      JSON.stringify(lastSync),
    );
  }

  async setLastError(
    connection: ConnectionName,
    key: EntityKey,
    lastError: LastError,
  ): Promise<void> {
    await this.redis.hset(
      this.activityOf(connection),
      `error:${formatEntityKey(key)}`,
      JSON.stringify(lastError),
    );
  }

  async activity(connection: ConnectionName, key: EntityKey): Promise<EntityActivity> {
    const member = formatEntityKey(key);
    const [sync, error] = await this.redis.hmget(
      this.activityOf(connection),
      `sync:${member}`,
      `error:${member}`,
    );
    return {
      lastSync: sync ? (JSON.parse(sync) as LastSync) : null,
      lastError: error ? (JSON.parse(error) as LastError) : null,
    };
  }

  private listOf(connection: ConnectionName, member: string): string {
    return `${this.options.layout.connection(connection)}:history:${member}`;
  }

  private indexOf(connection: ConnectionName): string {
    return `${this.options.layout.connection(connection)}:history:index`;
  }

  private activityOf(connection: ConnectionName): string {
    return `${this.options.layout.connection(connection)}:activity`;
  }
}
