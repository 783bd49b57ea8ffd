// The one way jobs enter the queues: validated, deduplicated, routed to the target's queue.
import type { Queue } from 'bullmq';
import type { PlatformName } from '../config/index.js';
import { reconcileDedupeId, deduplication, syncDedupeId } from './dedupe.js';
import {
  entityKeyOf,
  parsePayload,
  reconcileJobSchema,
  syncJobSchema,
  type ReconcileJob,
  type SyncJob,
  type SyncJobData,
} from './job-schemas.js';
import { syncQueueName, targetOf } from './names.js';

/** A sync request; `requestedAt` defaults to now. */
export type SyncRequest = Omit<SyncJob, 'requestedAt'> & { requestedAt?: string };

export interface Enqueued {
  /** The job that will do the work: a new one, or the one this request was merged into. */
  jobId: string;
  queue: string;
}

/**
 * Validates and adds a sync job to the queue of the platform it writes to. Throws a
 * JobPayloadError naming the bad fields; nothing is added then.
 */
export async function enqueueSync(
  syncQueues: Readonly<Record<PlatformName, Queue<SyncJobData>>>,
  request: SyncRequest,
  now: () => Date = () => new Date(),
): Promise<Enqueued> {
  const job: SyncJob = parsePayload(
    syncJobSchema,
    { ...request, requestedAt: request.requestedAt ?? now().toISOString() },
    'sync job',
  );
  const target = targetOf(job.source);
  const added = await syncQueues[target].add(`${job.source}.${job.kind}`, job, {
    deduplication: deduplication(syncDedupeId(job.source, target, entityKeyOf(job))),
  });
  return { jobId: requireId(added.id), queue: syncQueueName(target) };
}

/** Validates and adds a reconcile job; a second identical request while one waits is merged. */
export async function enqueueReconcile(
  queue: Queue<ReconcileJob>,
  request: ReconcileJob,
): Promise<Enqueued> {
  const job = parsePayload(reconcileJobSchema, request, 'reconcile job');
  const added = await queue.add(`${job.from}>${job.to}`, job, {
    deduplication: deduplication(reconcileDedupeId(job)),
  });
  return { jobId: requireId(added.id), queue: queue.name };
}

function requireId(id: string | undefined): string {
  // BullMQ always assigns an id on add; a missing one means the add did not happen.
  if (id === undefined) throw new Error('BullMQ returned a job without an id');
  return id;
}
