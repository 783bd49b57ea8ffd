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
});

export const deadLetterSchema = storedLetterSchema.transform((letter) => ({
  ...letter,
  connection: letter.connection ?? letter.platform,
}));
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
