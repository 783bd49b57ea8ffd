// Job payloads, checked with zod at both ends of the queue. They carry references only (which
// entity, where from, why): never credentials, never whole records, so a job always reads the
// current state when it runs and a payload is safe to show in Bull Board and logs.
import { OfferSyncError } from '../errors/index.js';
import { z } from 'zod';
import {
  CONNECTION_NAME,
  ENTITY_KINDS,
  PLATFORM_ID,
  RECONCILE_ENTITIES,
  SYNC_REASONS,
  type EntityKey,
  type SyncReason,
} from '../vocabulary/index.js';

/**
 * BullMQ priority of a sync job by its reason. 0 is BullMQ's "no priority", which it always
 * runs before any prioritized job; so live syncs (someone is waiting) go ahead of the jobs of a
 * full reconciliation, which a 10 000-offer run can queue by the thousand.
 */
export const SYNC_PRIORITIES: Readonly<Record<SyncReason, number>> = {
  webhook: 0,
  cli: 0,
  replay: 0,
  schedule: 0,
  reconcile: 10,
};

/** A connection's name, as the config checked it (it is part of queue names and hash tags). */
const connection = z.string().regex(CONNECTION_NAME, {
  error: 'expected a connection name (lower-case letters, digits and dashes)',
});

// Platform ids, digits only: they end up in dedupe keys, entity keys (`goal:400/48`) and
// request paths, where `.` or `..` would name another endpoint.
const entityId = z
  .string()
  .regex(PLATFORM_ID, { error: 'expected digits only (a platform id such as "400")' });

const syncJobShape = {
  /** The connection the change was seen on; the job writes to its queue's connection. */
  source: connection,
  kind: z.enum(ENTITY_KINDS),
  id: entityId,
  /** Goals and commissions live under an offer. */
  offerId: entityId.optional(),
  reason: z.enum(SYNC_REASONS),
  /** The webhook's event name, when there was one (`updated`, `created`). */
  event: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, {
      error: 'expected 1 to 64 letters, digits, dots, dashes or underscores',
    })
    .optional(),
  /** When the sync was asked for (ISO 8601, UTC). */
  requestedAt: z.iso.datetime(),
  /**
   * A reconcile sync's reference to the source record its page just read (kept by the handoff
   * store, never in the payload): the job's first attempt uses that record instead of reading
   * the source again. Retries, and jobs without it, read the source fresh.
   */
  sourceRead: z
    .string()
    .regex(/^[0-9a-f]{16,64}$/, { error: 'expected a hex reference' })
    .optional(),
};

function checkOfferId(
  job: { kind: string; offerId?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  const nested = job.kind === 'goal' || job.kind === 'commission';
  if (nested && job.offerId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['offerId'], message: `is required for a ${job.kind}` });
  }
  if (!nested && job.offerId !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['offerId'], message: `a ${job.kind} takes no offerId` });
  }
}

/** Strict: an unknown field (a record, a token) is refused rather than carried along. */
export const syncJobSchema = z.strictObject(syncJobShape).superRefine(checkOfferId);
export type SyncJob = z.output<typeof syncJobSchema>;

/**
 * The queue layer's own bookkeeping, kept in the job data beside the payload (BullMQ has no
 * other per-job field that survives a retry). Processors never see it.
 */
export const jobTrackingSchema = z.strictObject({
  /** 429s seen so far; they do not spend attempts, so they are bounded separately. */
  rateLimitHits: z.number().int().nonnegative(),
  /** When the first failure of any kind happened (ISO 8601). */
  firstFailedAt: z.iso.datetime().optional(),
});
export type JobTracking = z.output<typeof jobTrackingSchema>;

/** What a sync queue stores: the payload plus optional bookkeeping. */
export const syncJobDataSchema = z
  .strictObject({ ...syncJobShape, tracking: jobTrackingSchema.optional() })
  .superRefine(checkOfferId);
export type SyncJobData = z.output<typeof syncJobDataSchema>;

export const reconcileJobSchema = z
  .strictObject({
    from: connection,
    to: connection,
    entity: z.enum(RECONCILE_ENTITIES),
    /** Plan and report only; write nothing. */
    dryRun: z.boolean(),
    reason: z.enum(SYNC_REASONS),
  })
  .refine((job) => job.from !== job.to, { path: ['to'], error: 'must differ from "from"' });
export type ReconcileJob = z.output<typeof reconcileJobSchema>;

export class JobPayloadError extends OfferSyncError {
  override readonly name = 'JobPayloadError';
  readonly code = 'INVALID_PAYLOAD';
  readonly retryable = false;
}

/** Parses a payload or throws a JobPayloadError whose message names every bad field. */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new JobPayloadError(`invalid ${what} payload:\n${z.prettifyError(parsed.error)}`);
}

/** Splits stored job data into the payload a processor sees and the queue's bookkeeping. */
export function splitTracking<T extends object>(
  data: T & { tracking?: JobTracking },
): { payload: Omit<T, 'tracking'>; tracking: JobTracking } {
  const { tracking, ...payload } = data;
  return { payload, tracking: tracking ?? { rateLimitHits: 0 } };
}

/** The entity a sync job is about. */
export function entityKeyOf(job: Pick<SyncJob, 'kind' | 'id' | 'offerId'>): EntityKey {
  const key: EntityKey = { kind: job.kind, id: job.id };
  if (job.offerId !== undefined) key.offerId = job.offerId;
  return key;
}
