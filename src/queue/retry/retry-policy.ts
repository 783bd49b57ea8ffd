// The retry rules as data, compiled once and passed to the queues and the processor wrapper.

export interface RetryPolicy {
  /** Attempts per sync job, the first one included. @defaultValue 8 */
  attempts: number;
  /** Attempts per reconcile job, the first one included. @defaultValue 3 */
  reconcileAttempts: number;
  /** Ceiling of the first backoff; it doubles per attempt, in milliseconds. @defaultValue 1000 */
  baseDelayMs: number;
  /** Largest backoff ceiling, in milliseconds. @defaultValue 300000 (5 minutes) */
  maxDelayMs: number;
  /**
   * 429s one job may meet before it fails for good. They do not spend attempts (the request
   * was refused, not wrong), so without this bound a starved job would retry forever.
   * @defaultValue 20
   */
  maxRateLimitRetries: number;
  /** How long to pause after a 429 that carried no Retry-After, in milliseconds. @defaultValue 10000 */
  rateLimitFallbackMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 8,
  reconcileAttempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 300_000,
  maxRateLimitRetries: 20,
  rateLimitFallbackMs: 10_000,
});

/** BullMQ backoff type name that routes to our `backoffStrategy` (see worker-options.ts). */
export const BACKOFF_TYPE = 'full-jitter';

export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (const [name, value] of Object.entries(policy)) {
    const min = name === 'maxRateLimitRetries' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < min) {
      throw new RangeError(
        `retry policy ${name}: expected a whole number of at least ${min}, got ${value}`,
      );
    }
  }
  if (policy.baseDelayMs > policy.maxDelayMs) {
    throw new RangeError(
      `retry policy: baseDelayMs (${policy.baseDelayMs}) exceeds maxDelayMs (${policy.maxDelayMs})`,
    );
  }
  return policy;
}
