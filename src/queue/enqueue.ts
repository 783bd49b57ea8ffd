// The one way jobs enter the queues: validated, deduplicated, prioritized by reason (live work
// ahead of reconciliation), routed to the target's queue.
import type { Queue } from 'bullmq';
import type { ConnectionName } from '../vocabulary/index.js';
import { reconcileDedupeId, deduplication, syncDedupeId } from './dedupe.js';
import {
  JobPayloadError,
  entityKeyOf,
  parsePayload,
  reconcileJobSchema,
  SYNC_PRIORITIES,
  syncJobSchema,
  type ReconcileJob,
  type SyncJob,
  type SyncJobData,
} from './job-schemas.js';
import { syncQueueName } from './names.js';

/**
 * A sync request: the job's payload (`requestedAt` defaults to now) and the connection it writes
 * to, whose queue takes it.
 */
export type SyncJobRequest = Omit<SyncJob, 'requestedAt'> & {
  requestedAt?: string;
  target: ConnectionName;
};

export interface Enqueued {
  /** The job that will do the work: a new one, or the one this request was merged into. */
  jobId: string;
  queue: string;
}

/** The lowest priority a sync can have: an add at it can lift nothing. */
const LOWEST_PRIORITY = Math.max(...Object.values(SYNC_PRIORITIES));

/**
 * Validates and adds a sync job to the queue of the connection it writes to, at its reason's
 * priority (SYNC_PRIORITIES). Throws a JobPayloadError naming the bad fields (or an unknown
 * target); nothing is added then.
 */
export async function enqueueSync(
  syncQueues: Readonly<Record<ConnectionName, Queue<SyncJobData>>>,
  request: SyncJobRequest,
  now: () => Date = () => new Date(),
): Promise<Enqueued> {
  const { target, ...payload } = request;
  const job: SyncJob = parsePayload(
    syncJobSchema,
    { ...payload, requestedAt: payload.requestedAt ?? now().toISOString() },
    'sync job',
  );
  const queue = syncQueues[target];
  if (!queue)
    throw new JobPayloadError(
      `invalid sync job: no connection named ${JSON.stringify(target)} to write to`,
    );
  const priority = SYNC_PRIORITIES[job.reason];
  const added = await queue.add(`${job.source}.${job.kind}`, job, {
    deduplication: deduplication(syncDedupeId(job.source, target, entityKeyOf(job))),
    ...(priority > 0 ? { priority } : {}),
  });
  const jobId = requireId(added.id);
  if (priority < LOWEST_PRIORITY) await absorbIntoWaiting(queue, jobId, job, priority);
  return { jobId, queue: syncQueueName(target) };
}

/**
 * While a job for the same entity waits, deduplication drops the add and that job keeps its own
 * options and data: a webhook merged into a waiting reconcile job would wait behind the whole
 * reconciliation, count as reconciliation at the limiter, and sync the record the reconcile page
 * read before the change the webhook announces. So the waiting job takes the live add's
 * priority, reason and event, and forgets its handed-over record (it reads the source fresh).
 * (An add while the job is active is kept with its own options and becomes the next job.)
 */
async function absorbIntoWaiting(
  queue: Queue<SyncJobData>,
  jobId: string,
  live: SyncJob,
  priority: number,
): Promise<void> {
  // Costs one read per live add; a new job (the usual case) already has this priority.
  const existing = await queue.getJob(jobId);
  if (!existing || existing.priority <= priority || existing.finishedOn !== undefined) return;
  const { sourceRead: _handedOver, event: _event, ...data } = existing.data;
  try {
    await existing.changePriority({ priority });
    await existing.updateData({
      ...data,
      reason: live.reason,
      ...(live.event === undefined ? {} : { event: live.event }),
    });
  } catch (error) {
    // It finished and was removed meanwhile: nothing is left to lift.
    if (await queue.getJob(jobId)) throw error;
  }
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
