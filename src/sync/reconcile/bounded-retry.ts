// Retries for the few platform calls reconciliation makes outside the queue (dry-run reads and
// vanish actions). The queue owns retries for syncs; these calls have no job to back off, so a
// retryable failure (429, 5xx, timeout) gets a small bounded number of tries here instead.
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyFailure } from '../../queue/index.js';

export interface BoundedRetryOptions {
  /** Tries in all, the first included. @defaultValue 3 */
  attempts?: number;
  /** Wait before a retry when the platform named none (Retry-After), in milliseconds. @defaultValue 1000 */
  delayMs?: number;
  /** Longest wait honoured from a Retry-After, in milliseconds. @defaultValue 30000 */
  maxDelayMs?: number;
}

export async function withBoundedRetry<T>(
  call: () => Promise<T>,
  options: BoundedRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.action === 'permanent' || attempt >= attempts) throw error;
      const wanted = failure.delayMs ?? (options.delayMs ?? 1000) * attempt;
      await sleep(Math.min(wanted, options.maxDelayMs ?? 30_000));
    }
  }
}

/** The one-line reason the queue layer would record for this failure. */
export function failureReason(error: unknown): string {
  return classifyFailure(error).reason;
}
