// The sync queue's job handler: a validated sync job in, one runSync, its result out (BullMQ
// keeps it as the job's return value, which `offer-sync sync --wait` prints).
import type { ProcessorJob } from '../index.js';
import { entityKeyOf, type SyncJob } from '../index.js';
import type { HandoffStore } from '../../store/index.js';
import { runSync, type SyncDeps, type SyncResult } from '../../sync/run/index.js';

export interface SyncHandlerDeps extends SyncDeps {
  /** Source records reconcile pages handed over (a job's `sourceRead`). */
  handoff?: HandoffStore;
  /** Time from enqueue to done, for the sync-lag metric. */
  observeLag?: (queue: string, ms: number) => void;
}

export async function handleSyncJob(
  { payload, job }: ProcessorJob<SyncJob>,
  deps: SyncHandlerDeps,
): Promise<SyncResult> {
  const key = entityKeyOf(payload);
  // Only the first attempt trusts the page's record: a retry may come minutes later.
  const handedOver =
    payload.sourceRead !== undefined && job.attemptsMade === 0
      ? await deps.handoff?.take(payload.source, key, payload.sourceRead)
      : undefined;
  const result = await runSync(
    {
      source: payload.source,
      key,
      ...(handedOver ? { sourceRecord: handedOver.record, sourceReadAt: handedOver.readAt } : {}),
    },
    deps,
  );
  deps.observeLag?.(job.queueName, deps.now().getTime() - Date.parse(payload.requestedAt));
  return result;
}
