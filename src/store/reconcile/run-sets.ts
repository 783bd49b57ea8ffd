// A run's working sets, kept in Redis rather than in process memory so a run over a very large
// network stays flat: the source keys seen while streaming (to find vanished sources after),
// in a dry run the sources planned for creation (their children plan as creates too), and the
// sources found vanished (acted on once they are counted).
// They expire on their own if a run dies before it cleans up.
import type { EntityKind } from '../../vocabulary/index.js';
import type { RedisConnection } from '../index.js';

export interface RunSetsOptions {
  /** Hash-tagged key prefix, e.g. `{offer-sync}`. */
  prefix: string;
  runId: string;
  /** Lifetime of the sets after their last write, in milliseconds. @defaultValue 86400000 (1 day) */
  ttlMs?: number;
}

export type RunSetName = 'seen' | 'pending' | 'vanished';

export class RunSets {
  private readonly base: string;
  private readonly ttlMs: number;
  private readonly touched = new Set<string>();

  constructor(
    private readonly redis: RedisConnection,
    options: RunSetsOptions,
  ) {
    this.base = `${options.prefix}:reconcile:run:${options.runId}`;
    this.ttlMs = options.ttlMs ?? 86_400_000;
  }

  async add(set: RunSetName, kind: EntityKind, members: readonly string[]): Promise<void> {
    if (members.length === 0) return;
    const key = this.key(set, kind);
    this.touched.add(key);
    await this.redis
      .multi()
      .sadd(key, ...members)
      .pexpire(key, this.ttlMs)
      .exec();
  }

  /** For each member, whether it is in the set (same order). */
  async has(set: RunSetName, kind: EntityKind, members: readonly string[]): Promise<boolean[]> {
    if (members.length === 0) return [];
    const key = this.key(set, kind);
    const pipeline = this.redis.pipeline();
    for (const member of members) pipeline.sismember(key, member);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, reply]) => {
      if (error) throw error;
      return reply === 1;
    });
  }

  /** Every member of a set, a batch at a time (SSCAN: members may come twice; callers cope). */
  async *scan(set: RunSetName, kind: EntityKind, batch = 100): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const [next, members] = await this.redis.sscan(this.key(set, kind), cursor, 'COUNT', batch);
      cursor = next;
      if (members.length > 0) yield members;
    } while (cursor !== '0');
  }

  /** Deletes every set this run wrote. */
  async clear(): Promise<void> {
    if (this.touched.size > 0) await this.redis.del(...this.touched);
    this.touched.clear();
  }

  private key(set: RunSetName, kind: EntityKind): string {
    return `${this.base}:${set}:${kind}`;
  }
}
