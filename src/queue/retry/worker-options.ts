// Worker settings that go with the retry policy. Pass them to every `new Worker(...)` of a
// sync or reconcile queue.
import type { WorkerOptions } from 'bullmq';
import type { RedisConnection } from '../../redis/redis-connection.js';
import { bullPrefix } from '../names.js';
import { createBackoffStrategy, type RandomSource } from './backoff.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.js';

export interface QueueWorkerOptionsInput {
  /** A worker connection (`maxRetriesPerRequest: null`, see connections.ts). */
  connection: RedisConnection;
  /** The configured prefix; hash-tagged here, as the queues are. */
  prefix: string;
  policy?: Partial<RetryPolicy>;
  /** Jobs one worker runs at once. @defaultValue 1 */
  concurrency?: number;
  random?: RandomSource;
}

/**
 * BullMQ honours a manual `queue.rateLimit(ms)` (our 429 pause) in *other* workers only when
 * they have a limiter configured. This one is set so high it never limits by itself: pacing
 * is the Redis limiter's job (strict sliding window), not BullMQ's fixed window.
 */
export const PAUSE_ONLY_LIMITER = Object.freeze({ max: 1_000_000_000, duration: 1000 });

export function queueWorkerOptions(input: QueueWorkerOptionsInput): WorkerOptions {
  const policy = resolveRetryPolicy(input.policy);
  return {
    connection: input.connection,
    prefix: bullPrefix(input.prefix),
    concurrency: input.concurrency ?? 1,
    limiter: { ...PAUSE_ONLY_LIMITER },
    settings: { backoffStrategy: createBackoffStrategy(policy, input.random) },
  };
}
