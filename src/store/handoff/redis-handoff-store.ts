// HandoffStore on Redis: `{prefix:source}:handoff:<entity key>` holds `{ref, record, readAt}`,
// expiring on its own (a reconcile job runs within seconds to minutes of its page).
import { createHash } from 'node:crypto';
import type { KeyLayout } from '../../redis/key-layout.js';
import {
  formatEntityKey,
  type ConnectionName,
  type EntityKey,
  type PlatformRecord,
} from '../../vocabulary/index.js';
import type { RedisConnection } from '../lua-script.js';
import type { HandoffStore, ListedRecord } from './handoff-store.js';

export interface RedisHandoffStoreOptions {
  /** Where each connection's keys live: a record waits under its source's tag. */
  layout: KeyLayout;
  /** How long a handed-off record is kept, in milliseconds. @defaultValue 900000 (15 minutes) */
  ttlMs?: number;
}

export class RedisHandoffStore implements HandoffStore {
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisHandoffStoreOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 900_000;
  }

  async put(source: ConnectionName, key: EntityKey, listed: ListedRecord): Promise<string> {
    const text = JSON.stringify(listed);
    const ref = createHash('sha256').update(text).digest('hex').slice(0, 32);
    await this.redis.set(
      this.keyOf(source, key),
      JSON.stringify({ ref, ...listed }),
      'PX',
      this.ttlMs,
    );
    return ref;
  }

  async take(
    source: ConnectionName,
    key: EntityKey,
    ref: string,
  ): Promise<ListedRecord | undefined> {
    const stored = await this.redis.get(this.keyOf(source, key));
    if (stored === null) return undefined;
    const kept = JSON.parse(stored) as { ref?: string; record?: PlatformRecord; readAt?: number };
    return kept.ref === ref && kept.record !== undefined
      ? { record: kept.record, readAt: kept.readAt ?? 0 }
      : undefined;
  }

  private keyOf(source: ConnectionName, key: EntityKey): string {
    return `${this.options.layout.connection(source)}:handoff:${formatEntityKey(key)}`;
  }
}
