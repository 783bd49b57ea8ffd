// The reconcile queue's job handler: the pipeline's scheduler enqueues reconcile jobs, and this
// runs exactly the code `offer-sync reconcile` runs. Its return value (run id, counts, where the
// report is) is what Bull Board shows for the job.
import { OfferSyncError } from '../../errors/index.js';
import type { ConnectionName, PlatformName } from '../../vocabulary/index.js';
import { NoRouteError } from './sync-job-handler.js';
import type { ProcessorJob, ReconcileJob } from '../index.js';
import { runReconcile } from '../../sync/reconcile/run-reconcile.js';
import type { ReconcileDeps, ReconcileOptions } from '../../sync/reconcile/reconcile-deps.js';
import type { ReconcileCounts, RunStatus } from '../../sync/reconcile/types.js';

export interface ReconcileJobResult extends ReconcileCounts {
  runId: string;
  status: RunStatus;
  writes: number;
  /** The run's full report over HTTP. */
  report: string;
}

/** One route's reconciliation: what it needs, and the platforms of its two ends. */
export interface RouteReconcile {
  deps: ReconcileDeps;
  from: PlatformName;
  to: PlatformName;
}

export interface ReconcileJobDeps {
  /** The route from `from` to `to` (connection names); `undefined` when none is configured. */
  reconcileFor(from: ConnectionName, to: ConnectionName): Promise<RouteReconcile | undefined>;
  /** Passed to every run (window, page size, item cap). */
  options?: Pick<ReconcileOptions, 'window' | 'pageSize' | 'itemCap' | 'vanishGuard'>;
  /** Least time between two progress updates of the job, in milliseconds. @defaultValue 2000 */
  progressEveryMs?: number;
}

/**
 * A run the queue should try again: its source stream or Redis failed midway. Items a run could
 * not sync are not this: they are in the report, and the run itself completed.
 */
export class ReconcileAbortedError extends OfferSyncError {
  override readonly name = 'ReconcileAbortedError';
  readonly code = 'RECONCILE_ABORTED';
  constructor(
    readonly runId: string,
    reason: string,
    /** False when trying again cannot help (the vanish guard stopped it). */
    readonly retryable: boolean,
  ) {
    super(`reconcile run ${runId} stopped early: ${reason}`);
  }
}

export async function handleReconcileJob(
  { payload, job, signal }: ProcessorJob<ReconcileJob>,
  deps: ReconcileJobDeps,
): Promise<ReconcileJobResult> {
  const everyMs = deps.progressEveryMs ?? 2000;
  let lastProgress = 0;
  const route = await deps.reconcileFor(payload.from, payload.to);
  if (!route) {
    throw new NoRouteError(`no route from ${payload.from} to ${payload.to} is configured`);
  }
  const report = await runReconcile(
    {
      from: route.from,
      to: route.to,
      entity: payload.entity,
      dryRun: payload.dryRun,
      reason: payload.reason,
    },
    route.deps,
    {
      ...deps.options,
      ...(job.id === undefined ? {} : { jobId: job.id }),
      ...(signal ? { signal } : {}),
      onProgress(progress) {
        const at = Date.now();
        if (at - lastProgress < everyMs) return;
        lastProgress = at;
        // Progress is a courtesy for the dashboard; a failed update must not fail the run.
        job
          .updateProgress({ runId: progress.runId, kind: progress.kind, done: progress.done })
          .catch(() => undefined);
      },
    },
  );
  const path = `/reconcile/runs/${report.runId}`;
  await job.log(`reconcile run ${report.runId}: ${path}`).catch(() => undefined);
  if (report.status === 'aborted') {
    throw new ReconcileAbortedError(
      report.runId,
      report.error ?? 'unknown error',
      report.errorCode !== 'VANISH_GUARD',
    );
  }
  return {
    runId: report.runId,
    status: report.status,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    skipped: report.skipped,
    failed: report.failed,
    paused: report.paused,
    pending: report.pending,
    reactivated: report.reactivated,
    writes: report.writes,
    report: path,
  };
}
