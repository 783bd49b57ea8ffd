// A live run syncs through the sync queues: one job per entity (reason `reconcile`) on the queue
// of the route's target connection, processed by whichever workers run (this process's own, the
// service's), so retries, rate-limit pauses, deduplication and dead letters are exactly the
// service's. The executor waits for each job and hands back its SyncResult.
import { failureReason } from '../../errors/index.js';
import type { Queue, QueueEvents } from 'bullmq';
import type { ConnectionName } from '../../vocabulary/index.js';
import { enqueueSync, type SyncQueue } from '../index.js';
import type { HandoffStore } from '../../store/index.js';
import type { SyncResult } from '../../sync/run/index.js';
import { JobWaiter, type JobWaiterOptions } from './job-waiter.js';
import type { SyncExecutor } from '../../sync/reconcile/sync-executor.js';

export interface QueueExecutorOptions extends JobWaiterOptions {
  queues: Readonly<Record<ConnectionName, SyncQueue>>;
  /** The route the run reconciles: its jobs go from `source` onto `target`'s queue. */
  route: { source: ConnectionName; target: ConnectionName };
  /** Where the listed source record waits for its job (so the job need not read it again). */
  handoff: HandoffStore;
  /** The target queue's events, on a connection of their own. */
  events: QueueEvents;
  now?: () => Date;
}

export async function createQueueExecutor(options: QueueExecutorOptions): Promise<SyncExecutor> {
  const { source, target } = options.route;
  const queue = options.queues[target];
  if (!queue) throw new Error(`no sync queue for connection ${target}`);
  // Events are read from "now" on: it must be listening before the first job is added.
  await options.events.waitUntilReady();
  const waiter = new JobWaiter(queue as Queue, options.events, options);
  return {
    async sync(_sourcePlatform, key, listed) {
      let jobId: string;
      try {
        const sourceRead = await options.handoff.put(source, key, listed);
        const enqueued = await enqueueSync(
          options.queues,
          {
            source,
            target,
            kind: key.kind,
            id: key.id,
            ...(key.offerId === undefined ? {} : { offerId: key.offerId }),
            reason: 'reconcile',
            sourceRead,
          },
          options.now,
        );
        jobId = enqueued.jobId;
      } catch (error) {
        return { ok: false, reason: failureReason(error) };
      }
      const outcome = await waiter.wait(jobId);
      if (!outcome.ok) return outcome;
      return isSyncResult(outcome.value)
        ? { ok: true, result: outcome.value }
        : { ok: false, reason: `job ${jobId} returned no sync result` };
    },
    close() {
      waiter.close();
      return Promise.resolve();
    },
  };
}

function isSyncResult(value: unknown): value is SyncResult {
  const candidate = value as Partial<SyncResult> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.action === 'string' &&
    typeof candidate.sourceId === 'string'
  );
}
