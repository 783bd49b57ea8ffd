// Keeps a connection's dead letters bounded: letters not recorded again for longer than the
// maximum age go, then, beyond the maximum count, those seen longest ago. Age counts from a
// letter's `lastSeen`, so a failure that keeps coming back stays however old its first sighting.
import type { Queue } from 'bullmq';
import { deadLetterSchema, LETTER_STATES, type DeadLetter } from './dead-letter.js';

export interface DeadLetterRetention {
  /** Letters not seen again for this long are dropped. @defaultValue 30 days (DLQ_MAX_AGE) */
  maxAgeMs: number;
  /** Letters kept per connection at most. @defaultValue 10000 (DLQ_MAX_COUNT) */
  maxCount: number;
}

/** Removes what the retention says; resolves with how many letters went. */
export async function trimDeadLetters(
  queue: Queue<DeadLetter>,
  retention: DeadLetterRetention,
  now: Date,
): Promise<number> {
  const jobs = (await queue.getJobs([...LETTER_STATES], 0, -1, true)).filter(
    (job) => job !== undefined,
  );
  const seen = jobs.map((job) => {
    const parsed = deadLetterSchema.safeParse(job.data);
    // A letter that no longer reads is kept: it is shown (and fixed) by `dlq list`, not dropped.
    const at = parsed.success ? Date.parse(parsed.data.lastSeen) : Number.POSITIVE_INFINITY;
    return { job, at };
  });
  const cutoff = now.getTime() - retention.maxAgeMs;
  const expired = seen.filter((entry) => entry.at < cutoff);
  const kept = seen.filter((entry) => entry.at >= cutoff).sort((a, b) => b.at - a.at);
  const excess = kept.slice(retention.maxCount);
  const doomed = [...expired, ...excess];
  for (const { job } of doomed) await job.remove();
  return doomed.length;
}
