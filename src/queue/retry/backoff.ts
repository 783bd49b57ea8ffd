// Exponential backoff with full jitter: a uniformly random delay below an exponentially growing
// ceiling. Spreading retries over the whole range keeps workers that failed together (one
// outage) from retrying together.
import { isPlatformError } from '../../platforms/errors.js';
import type { RetryPolicy } from './retry-policy.js';

/** A source of numbers in [0, 1); `Math.random` unless a test injects one. */
export type RandomSource = () => number;

/** The most a retry after `attempt` failed attempts (1 = the first) may wait, in milliseconds. */
export function backoffCeilingMs(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** 1100 is Infinity, which Math.min turns back into the cap.
  return Math.min(maxDelayMs, baseDelayMs * 2 ** exponent);
}

/** A delay in [0, ceiling), in whole milliseconds. */
export function fullJitterDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: RandomSource = Math.random,
): number {
  const ceiling = backoffCeilingMs(attempt, policy.baseDelayMs, policy.maxDelayMs);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(draw * ceiling), Math.max(0, ceiling - 1));
}

/**
 * BullMQ's `settings.backoffStrategy` (called with the attempts made so far, the failed one
 * included). A transient failure whose server named a Retry-After waits at least that long.
 */
export function createBackoffStrategy(
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: RandomSource = Math.random,
): (attemptsMade: number, type?: string, error?: Error) => number {
  return (attemptsMade, _type, error) => {
    const delay = fullJitterDelayMs(attemptsMade, policy, random);
    const hinted = isPlatformError(error) ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(delay, hinted);
  };
}
