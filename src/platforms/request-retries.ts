// The one retry owner of platform calls made outside a job: a dry run's reads, the pause of a
// vanished source's twin. (A job's calls are retried by the queue, through its retry policy;
// got itself never retries.) A rate-limited call waits the platform's Retry-After, a transient
// failure backs off; anything else, and the last failure, is the caller's.
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { isPlatformError } from './errors.js';

export interface RequestRetryOptions {
  /** Tries in all, the first included. @defaultValue 3 */
  attempts?: number;
  /** First backoff for a transient failure, in milliseconds (it doubles). @defaultValue 1000 */
  minDelayMs?: number;
  /** Longest wait honoured from a Retry-After, in milliseconds. @defaultValue 30000 */
  maxRetryAfterMs?: number;
}

/** Runs `call`, retrying rate limits and transient platform failures a bounded number of times. */
export function withRequestRetries<T>(
  call: () => Promise<T>,
  options: RequestRetryOptions = {},
): Promise<T> {
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  return pRetry(call, {
    retries: Math.max(0, (options.attempts ?? 3) - 1),
    minTimeout: options.minDelayMs ?? 1000,
    randomize: true,
    shouldRetry: ({ error }) => isPlatformError(error) && error.retryable,
    // A 429 names its wait; p-retry's own backoff then adds its (short) delay on top.
    onFailedAttempt: async ({ error }) => {
      if (isPlatformError(error) && error.code === 'RATE_LIMITED' && error.retryAfterMs) {
        await sleep(Math.min(error.retryAfterMs, maxRetryAfterMs));
      }
    },
  });
}
