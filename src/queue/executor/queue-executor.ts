// A live run syncs through the sync queues: one job per entity (reason `reconcile`) on the
// target's queue, processed by whichever workers run (this process's own, the service's), so
// retries, rate-limit pauses, deduplication and dead letters are exactly the service's. The
// executor waits for each job and hands back its SyncResult.
import { failureReason } from '../../errors/index.js';
import type { Queue, QueueEvents } from 'bullmq';
import type { PlatformName } from '../../vocabulary/index.js';
import { enqueueSync, type SyncQueue } from '../index.js';
import { otherPlatform } from '../../vocabulary/index.js';
import type { HandoffStore } from '../../store/index.js';
import type { SyncResult } from '../../sync/run/index.js';
import { JobWaiter, type JobWaiterOptions } from './job-waiter.js';
import type { SyncExecutor } from '../../sync/reconcile/sync-executor.js';

export interface QueueExecutorOptions extends JobWaiterOptions {
  queues: Readonly<Record<PlatformName, SyncQueue>>;
  /** Where the listed source record waits for its job (so the job need not read it again). */
  handoff: HandoffStore;
  /** A QueueEvents per target queue, each on its own connection. */
  events: Readonly<Partial<Record<PlatformName, QueueEvents>>>;
  now?: () => Date;
}

export async function createQueueExecutor(options: QueueExecutorOptions): Promise<SyncExecutor> {
  const waiters = new Map<PlatformName, JobWaiter>();
  for (const [platform, events] of Object.entries(options.events) as [
    PlatformName,
    QueueEvents,
  ][]) {
    // Events are read from "now" on: it must be listening before the first job is added.
    await events.waitUntilReady();
    waiters.set(platform, new JobWaiter(options.queues[platform] as Queue, events, options));
  }
  return {
    async sync(source, key, listed) {
      const target = otherPlatform(source);
      const waiter = waiters.get(target);
      if (!waiter) return { ok: false, reason: `no queue events for sync-${target}` };
      let jobId: string;
      try {
        const sourceRead = await options.handoff.put(source, key, listed);
        const enqueued = await enqueueSync(
          options.queues,
          {
            source,
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
      for (const waiter of waiters.values()) waiter.close();
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
