// Collects a run's outcome without holding the whole network in memory: counts for everything,
// items only up to a cap (unchanged ones are counted, never kept: a report lists what differed).
import type { ReconcileEntity, SyncReason } from '../../vocabulary/index.js';
import {
  COUNT_OF,
  emptyCounts,
  type ReconcileCounts,
  type ReconcileItem,
  type ReconcileReport,
  type RunStatus,
  type RunSummary,
} from './types.js';

/** Items a stored report keeps at most. @defaultValue 10000 */
export const DEFAULT_ITEM_CAP = 10_000;

export interface ReportStart {
  runId: string;
  jobId?: string;
  /** `main->partner-a`: the route reconciled. */
  route: string;
  entity: ReconcileEntity;
  dryRun: boolean;
  reason: SyncReason;
  startedAt: Date;
}

export class ReportBuilder {
  private readonly tally: ReconcileCounts = emptyCounts();
  private readonly kept: ReconcileItem[] = [];
  private omitted = 0;
  private writes = 0;

  constructor(
    private readonly start: ReportStart,
    private readonly itemCap = DEFAULT_ITEM_CAP,
  ) {}

  add(item: ReconcileItem, writes = 0): void {
    this.tally[COUNT_OF[item.action]] += 1;
    this.writes += writes;
    if (item.action !== 'unchanged' && this.kept.length < this.itemCap) this.kept.push(item);
    else this.omitted += 1;
  }

  /** A copy of the counts so far. */
  get counts(): ReconcileCounts {
    return { ...this.tally };
  }

  summary(status: RunStatus, finishedAt?: Date, error?: string, errorCode?: string): RunSummary {
    const { start } = this;
    return {
      runId: start.runId,
      ...(start.jobId === undefined ? {} : { jobId: start.jobId }),
      route: start.route,
      entity: start.entity,
      dryRun: start.dryRun,
      reason: start.reason,
      status,
      startedAt: start.startedAt.toISOString(),
      ...(finishedAt ? { finishedAt: finishedAt.toISOString() } : {}),
      ...this.tally,
      writes: this.writes,
      ...(error === undefined ? {} : { error }),
      ...(errorCode === undefined ? {} : { errorCode }),
    };
  }

  report(status: RunStatus, finishedAt: Date, error?: string, errorCode?: string): ReconcileReport {
    return {
      ...this.summary(status, finishedAt, error, errorCode),
      items: [...this.kept],
      itemsOmitted: this.omitted,
    };
  }
}
