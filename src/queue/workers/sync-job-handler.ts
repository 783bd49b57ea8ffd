// The sync queue's job handler: a validated sync job in, one runSync along the route from the
// job's source into this queue's connection, its result out (BullMQ keeps it as the job's
// return value, which `offer-sync sync --wait` prints).
import { OfferSyncError } from '../../errors/index.js';
import type { ProcessorJob } from '../index.js';
import { entityKeyOf, type SyncJob } from '../index.js';
import type { HandoffStore } from '../../store/index.js';
import { runSync, type SyncDeps, type SyncResult } from '../../sync/run/index.js';
import type { ConnectionName, PlatformName } from '../../vocabulary/index.js';
import { jobLogLines, recordLastError, writeJobLog } from './sync-job-explain.js';

/** One route's part in a worker: what its syncs need, and which platform its source is on. */
export interface RouteSync {
  deps: SyncDeps;
  sourcePlatform: PlatformName;
}

export interface SyncHandlerDeps {
  /** The connection this worker's queue writes to. */
  target: ConnectionName;
  /** The route from `source` into `target`; `undefined` when none is configured. */
  routeFrom(source: ConnectionName): RouteSync | undefined;
  /** Source records reconcile pages handed over (a job's `sourceRead`). */
  handoff?: HandoffStore;
  /** Time from enqueue to done, for the sync-lag metric. */
  observeLag?: (queue: string, ms: number) => void;
  now: () => Date;
}

/** A job from a connection no route takes into this one (the config changed since it was queued). */
export class NoRouteError extends OfferSyncError {
  override readonly name = 'NoRouteError';
  readonly code = 'NO_ROUTE';
  readonly retryable = false;
}

export async function handleSyncJob(
  { payload, job }: ProcessorJob<SyncJob>,
  deps: SyncHandlerDeps,
): Promise<SyncResult> {
  const route = deps.routeFrom(payload.source);
  if (!route) {
    throw new NoRouteError(
      `no route from ${payload.source} to ${deps.target} is configured; add one to offer-sync.yaml and replay`,
    );
  }
  const key = entityKeyOf(payload);
  // Only the first attempt trusts the page's record: a retry may come minutes later.
  const handedOver =
    payload.sourceRead !== undefined && job.attemptsMade === 0
      ? await deps.handoff?.take(payload.source, key, payload.sourceRead)
      : undefined;
  let result: SyncResult;
  try {
    result = await runSync(
      {
        source: route.sourcePlatform,
        key,
        ...(handedOver ? { sourceRecord: handedOver.record, sourceReadAt: handedOver.readAt } : {}),
        ...(job.id === undefined ? {} : { jobId: job.id }),
      },
      route.deps,
    );
  } catch (error) {
    await recordLastError(route.deps.operator, route.sourcePlatform, key, job, error, deps.now());
    throw error;
  }
  await writeJobLog(job, jobLogLines(result, route.deps.operator));
  deps.observeLag?.(job.queueName, deps.now().getTime() - Date.parse(payload.requestedAt));
  return result;
}
