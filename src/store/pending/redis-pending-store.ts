// PendingStore on Redis, under the source connection's hash tag:
//   {prefix:conn}:pending    hash: entity key -> JSON PendingEntry
//   {prefix:conn}:approved   set of approved entity keys (the next sync creates them)
//   {prefix:conn}:rejected   hash: entity key -> JSON Rejection
// Approving and rejecting are one transaction each, so an offer is never both.
import type { KeyLayout } from '../../redis/key-layout.js';
import {
  formatEntityKey,
  parseEntityKey,
  type ConnectionName,
  type EntityKey,
} from '../../vocabulary/index.js';
import type { RedisConnection } from '../lua-script.js';
import type {
  ApprovalDecision,
  PendingEntry,
  PendingStore,
  PendingSummary,
  Rejection,
} from './pending-store.js';

export class RedisPendingStore implements PendingStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly layout: KeyLayout,
  ) {}

  async hold(
    connection: ConnectionName,
    key: EntityKey,
    route: string,
    summary: PendingSummary,
    at: string,
  ): Promise<PendingEntry> {
    const before = await this.get(connection, key);
    const entry: PendingEntry = {
      ref: `${connection}:${formatEntityKey(key)}`,
      name: summary.name,
      payout: summary.payout,
      routes: [...new Set([...(before?.routes ?? []), route])].sort(),
      firstSeen: before?.firstSeen ?? at,
      lastSeen: at,
    };
    await this.redis.hset(
      this.keys(connection).pending,
      formatEntityKey(key),
      JSON.stringify(entry),
    );
    return entry;
  }

  async get(connection: ConnectionName, key: EntityKey): Promise<PendingEntry | undefined> {
    const text = await this.redis.hget(this.keys(connection).pending, formatEntityKey(key));
    return text === null ? undefined : (JSON.parse(text) as PendingEntry);
  }

  async list(connection: ConnectionName): Promise<PendingEntry[]> {
    const all = await this.redis.hgetall(this.keys(connection).pending);
    return Object.values(all)
      .map((text) => JSON.parse(text) as PendingEntry)
      .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.ref.localeCompare(b.ref));
  }

  async decision(connection: ConnectionName, key: EntityKey): Promise<ApprovalDecision> {
    const keys = this.keys(connection);
    const member = formatEntityKey(key);
    const results = await this.redis
      .multi()
      .sismember(keys.approved, member)
      .hexists(keys.rejected, member)
      .exec();
    if (Number(results?.[0]?.[1]) === 1) return 'approved';
    if (Number(results?.[1]?.[1]) === 1) return 'rejected';
    return undefined;
  }

  async approve(connection: ConnectionName, key: EntityKey): Promise<PendingEntry | undefined> {
    const keys = this.keys(connection);
    const member = formatEntityKey(key);
    const results = await this.redis
      .multi()
      .hget(keys.pending, member)
      .hdel(keys.pending, member)
      .hdel(keys.rejected, member)
      .sadd(keys.approved, member)
      .exec();
    const text = results?.[0]?.[1];
    return typeof text === 'string' ? (JSON.parse(text) as PendingEntry) : undefined;
  }

  async reject(
    connection: ConnectionName,
    key: EntityKey,
    at: string,
  ): Promise<PendingEntry | undefined> {
    const keys = this.keys(connection);
    const member = formatEntityKey(key);
    const rejection: Rejection = { at };
    const results = await this.redis
      .multi()
      .hget(keys.pending, member)
      .hdel(keys.pending, member)
      .srem(keys.approved, member)
      .hset(keys.rejected, member, JSON.stringify(rejection))
      .exec();
    const text = results?.[0]?.[1];
    return typeof text === 'string' ? (JSON.parse(text) as PendingEntry) : undefined;
  }

  async rejection(connection: ConnectionName, key: EntityKey): Promise<Rejection | undefined> {
    const text = await this.redis.hget(this.keys(connection).rejected, formatEntityKey(key));
    return text === null ? undefined : (JSON.parse(text) as Rejection);
  }

  /** The entity keys of the connection's pending offers. */
  async pendingKeys(connection: ConnectionName): Promise<EntityKey[]> {
    const members = await this.redis.hkeys(this.keys(connection).pending);
    return members.flatMap((member) => parseEntityKey(member) ?? []);
  }

  private keys(connection: ConnectionName) {
    const tag = this.layout.connection(connection);
    return {
      pending: `${tag}:pending`,
      approved: `${tag}:approved`,
      rejected: `${tag}:rejected`,
    };
  }
}
