export { DEFAULT_RETRY_POLICY, BACKOFF_TYPE, resolveRetryPolicy } from './retry-policy.js';
export type { RetryPolicy } from './retry-policy.js';
export { backoffCeilingMs, fullJitterDelayMs, createBackoffStrategy } from './backoff.js';
export type { RandomSource } from './backoff.js';
export { classifyFailure, NON_PLATFORM_CODES } from './classify-failure.js';
export type { FailureAction, FailureClass } from './classify-failure.js';
export { wrapProcessor } from './wrap-processor.js';
export type {
  JobHandler,
  ProcessorJob,
  RateLimitTarget,
  WrapLogger,
  WrapOptions,
} from './wrap-processor.js';
export { queueWorkerOptions, PAUSE_ONLY_LIMITER } from './worker-options.js';
export type { QueueWorkerOptionsInput } from './worker-options.js';
