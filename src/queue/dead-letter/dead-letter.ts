// What a dead-letter queue holds: the failed job's original payload, untouched, with enough
// about the failure to decide what to do (fix the data or the mapping, then replay).
import { z } from 'zod';
import type { PlatformName } from '../../vocabulary/index.js';

const storedLetterSchema = z.object({
  /** The queue the job failed on, e.g. `sync-offerit`. */
  queue: z.string(),
  jobId: z.string(),
  jobName: z.string(),
  /**
   * The connection that queue writes to; its DLQ holds this letter. Letters written before
   * named connections lack it: their platform was their connection's name.
   */
  connection: z.string().optional(),
  /** That connection's platform. */
  platform: z.enum(['offerit', 'offerslook'] satisfies PlatformName[]),
  /** The job's payload exactly as enqueued (queue bookkeeping removed), valid or not. */
  payload: z.unknown(),
  /** What the last failure was: a permanent error, backoff exhausted, or rate limits exhausted. */
  action: z.enum(['backoff', 'rate-limited', 'permanent']),
  /** Stable code: a PlatformError code (VALIDATION, TRANSIENT, ...) or INVALID_DATA, BUG, .... */
  code: z.string(),
  reason: z.string(),
  attemptsMade: z.number().int().nonnegative(),
  rateLimitHits: z.number().int().nonnegative(),
  firstFailedAt: z.iso.datetime(),
  lastFailedAt: z.iso.datetime(),
  /**
   * Where the failure was found: `webhook` for a sync job (from a webhook, the CLI, a replay or
   * a live reconcile's queue), `reconcile` for an item a reconciliation decided without a job (a
   * value that cannot be mapped, a parent without a twin, a refused retirement). Older letters
   * lack it: they came from jobs.
   */
  origin: z.enum(['webhook', 'reconcile']).optional(),
  /** The reconcile run that found it (origin `reconcile`). */
  runId: z.string().optional(),
  /** `<source connection>:<entity>:<id>`: the entity whose sync failed; the letter's id derives from it. */
  ref: z.string().optional(),
  /** Times this failure was recorded (the same ref and code again updates one letter). */
  count: z.number().int().positive().optional(),
  /** When it was first and last recorded as a dead letter (ISO 8601). */
  firstSeen: z.iso.datetime().optional(),
  lastSeen: z.iso.datetime().optional(),
});

export const deadLetterSchema = storedLetterSchema.transform((letter) => ({
  ...letter,
  connection: letter.connection ?? letter.platform,
  origin: letter.origin ?? ('webhook' as const),
  count: letter.count ?? 1,
  firstSeen: letter.firstSeen ?? letter.lastFailedAt,
  lastSeen: letter.lastSeen ?? letter.lastFailedAt,
}));
/** A letter as stored; the optional fields are filled in when read (`deadLetterSchema`). */
export type StoredDeadLetter = z.input<typeof storedLetterSchema>;
export type DeadLetter = z.output<typeof deadLetterSchema>;

/** A letter as listed: with its id in the dead-letter queue. */
export interface DeadLetterEntry extends DeadLetter {
  id: string;
}

/**
 * The DLQ job id of a failed job. Derived from the source queue and job id, so recording the
 * same failure twice (processor and failed-event listener, or a crash between the two) adds
 * one letter. BullMQ refuses `:` in custom ids, hence the dash.
 */
export function deadLetterId(queue: string, jobId: string): string {
  return `${queue}-${jobId}`;
}

/**
 * The DLQ job id of a failure of one entity: the connection whose DLQ holds it, the entity's
 * ref and the failure's code. The same failure found again (the next scheduled run, another
 * webhook) lands on the same id and updates that letter instead of adding one. Dots separate the
 * parts: connection names, entity kinds and codes have none, and BullMQ refuses `:`.
 * `offerslook.offerit.offer.400.UNMAPPABLE`, `offerslook.offerit.goal.400/48.NO_TWIN`.
 */
export function failureLetterId(connection: string, ref: string, code: string): string {
  return [connection, ref.replaceAll(':', '.'), code].join('.');
}

/** States a letter can be in: nothing processes a DLQ, so it waits (the wait list holds paused jobs too). */
export const LETTER_STATES = ['wait', 'delayed', 'prioritized'] as const;
