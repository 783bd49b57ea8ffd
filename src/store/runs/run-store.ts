// Keeps the last N reconciliation reports in Redis, for `GET /reconcile/runs` and Bull Board:
//   <prefix>:reconcile:runs         zset  runId scored by start time (epoch ms)
//   <prefix>:reconcile:runs:<id>    hash  { summary: JSON, report: JSON (once finished) }
// A run is recorded when it starts (status `running`) and again when it ends.
import type { RedisConnection } from '../index.js';
import type { ReconcileReport, RunSummary } from '../../sync/reconcile/types.js';

export interface RunStore {
  /** Records a run that has started (its summary only). */
  start(summary: RunSummary): Promise<void>;
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
}

export class RedisRunStore implements RunStore {
  private readonly index: string;
  private readonly keep: number;

  constructor(
    private readonly redis: RedisConnection,
    options: RedisRunStoreOptions,
  ) {
    this.index = `${options.prefix}:reconcile:runs`;
    this.keep = options.keep ?? 50;
    if (!Number.isSafeInteger(this.keep) || this.keep < 1) {
      throw new RangeError(`run store keep: expected a whole number above 0, got ${this.keep}`);
    }
  }

  async start(summary: RunSummary): Promise<void> {
    await this.redis
      .multi()
      .hset(this.key(summary.runId), 'summary', JSON.stringify(summary))
      .zadd(this.index, Date.parse(summary.startedAt), summary.runId)
      .exec();
    await this.trim();
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
      .del(...excess.map((id) => this.key(id)))
      .zrem(this.index, ...excess)
      .exec();
  }

  private key(runId: string): string {
    return `${this.index}:${runId}`;
  }
}
