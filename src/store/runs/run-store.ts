// Keeps the last N reconciliation reports in Redis, for `GET /reconcile/runs` and Bull Board:
//   <prefix>:reconcile:runs               zset    runId scored by start time (epoch ms)
//   <prefix>:reconcile:runs:<id>          hash    { summary: JSON, report: JSON (once finished) }
//   <prefix>:reconcile:runs:<id>:lease    string  held (with an expiry) while a process runs it
// A run is recorded when it starts (status `running`) and again when it ends. Its process renews
// the lease while it runs; when a run of a route starts, an older run of that route still
// `running` whose lease expired was left by a process that died: it is marked `interrupted`.
import type { RedisConnection } from '../index.js';
import type { ReconcileReport, RunSummary } from '../../sync/reconcile/types.js';

export interface RunStore {
  /**
   * Records a run that has started (its summary only) and takes its lease; older runs of the
   * same route left `running` without a lease are marked `interrupted`. Resolves with their ids.
   */
  start(summary: RunSummary): Promise<string[]>;
  /** Renews a running run's lease (its process is alive). */
  heartbeat(runId: string): Promise<void>;
  /** How long a lease lasts without a heartbeat, in milliseconds. */
  readonly leaseMs: number;
  /** Records a run's final report and drops the oldest beyond the limit. */
  finish(report: ReconcileReport): Promise<void>;
  /** Newest first. */
  list(limit?: number): Promise<RunSummary[]>;
  get(runId: string): Promise<ReconcileReport | RunSummary | undefined>;
}

export interface RedisRunStoreOptions {
  /** Hash-tagged key prefix, e.g. `{offer-sync}`. */
  prefix: string;
  /** Runs kept; older ones are deleted. @defaultValue 50 */
  keep?: number;
  /** How long a run's lease lasts without a heartbeat, in milliseconds. @defaultValue 60000 */
  leaseMs?: number;
}

/** How often a running run renews its lease: a third of the lease, so two beats can be missed. */
export function heartbeatEvery(leaseMs: number): number {
  return Math.max(1, Math.floor(leaseMs / 3));
}

export class RedisRunStore implements RunStore {
  private readonly index: string;
  private readonly keep: number;
  readonly leaseMs: number;

  constructor(
    private readonly redis: RedisConnection,
    options: RedisRunStoreOptions,
  ) {
    this.index = `${options.prefix}:reconcile:runs`;
    this.keep = options.keep ?? 50;
    this.leaseMs = options.leaseMs ?? 60_000;
    if (!Number.isSafeInteger(this.keep) || this.keep < 1) {
      throw new RangeError(`run store keep: expected a whole number above 0, got ${this.keep}`);
    }
  }

  async start(summary: RunSummary): Promise<string[]> {
    const interrupted = await this.markInterrupted(summary);
    await this.redis
      .multi()
      .hset(this.key(summary.runId), 'summary', JSON.stringify(summary))
      .zadd(this.index, Date.parse(summary.startedAt), summary.runId)
      .set(this.lease(summary.runId), '1', 'PX', this.leaseMs)
      .exec();
    await this.trim();
    return interrupted;
  }

  async heartbeat(runId: string): Promise<void> {
    await this.redis.set(this.lease(runId), '1', 'PX', this.leaseMs);
  }

  /** Older runs of this run's route still `running` whose lease is gone become `interrupted`. */
  private async markInterrupted(next: RunSummary): Promise<string[]> {
    const stale = (await this.list()).filter(
      (run) => run.status === 'running' && run.route === next.route && run.runId !== next.runId,
    );
    const marked: string[] = [];
    for (const run of stale) {
      if ((await this.redis.exists(this.lease(run.runId))) === 1) continue;
      const summary: RunSummary = {
        ...run,
        status: 'interrupted',
        error: `the process running it stopped without finishing (no heartbeat for ${Math.round(this.leaseMs / 1000)} s); found by run ${next.runId}`,
        errorCode: 'INTERRUPTED',
      };
      await this.redis.hset(this.key(run.runId), 'summary', JSON.stringify(summary));
      marked.push(run.runId);
    }
    return marked;
  }

  async finish(report: ReconcileReport): Promise<void> {
    const { items: _items, itemsOmitted: _omitted, ...summary } = report;
    await this.redis
      .multi()
      .hset(
        this.key(report.runId),
        'summary',
        JSON.stringify(summary),
        'report',
        JSON.stringify(report),
      )
      .zadd(this.index, Date.parse(report.startedAt), report.runId)
      .del(this.lease(report.runId))
      .exec();
    await this.trim();
  }

  async list(limit = this.keep): Promise<RunSummary[]> {
    const ids = await this.redis.zrevrange(this.index, 0, Math.max(0, limit - 1));
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.key(id), 'summary');
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, json]) => {
      if (error) throw error;
      return typeof json === 'string' ? [JSON.parse(json) as RunSummary] : [];
    });
  }

  async get(runId: string): Promise<ReconcileReport | RunSummary | undefined> {
    const [report, summary] = await this.redis.hmget(this.key(runId), 'report', 'summary');
    const json = report ?? summary;
    return json ? (JSON.parse(json) as ReconcileReport | RunSummary) : undefined;
  }

  private async trim(): Promise<void> {
    const excess = await this.redis.zrange(this.index, 0, -(this.keep + 1));
    if (excess.length === 0) return;
    await this.redis
      .multi()
      .del(...excess.flatMap((id) => [this.key(id), this.lease(id)]))
      .zrem(this.index, ...excess)
      .exec();
  }

  private key(runId: string): string {
    return `${this.index}:${runId}`;
  }

  private lease(runId: string): string {
    return `${this.key(runId)}:lease`;
  }
}
