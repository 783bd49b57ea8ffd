// A worker on one connection's sync queue: the job handler behind the retry policy's processor
// wrapper, with the queue's own prefix, copying jobs that fail for good to the dead letters.
// The service's workers and a reconcile run's in-process ones are built here alike.
import { Worker } from 'bullmq';
import type { RedisConnection } from '../../redis/redis-connection.js';
import {
  recordDeadLettersOnFailure,
  queueWorkerOptions,
  syncJobSchema,
  syncQueueName,
  wrapProcessor,
  type DeadLetterSink,
  type RateLimiter,
  type RetryPolicy,
  type SyncQueue,
  type WrapLogger,
} from '../index.js';
import type { SyncResult } from '../../sync/run/index.js';
import { handleSyncJob, type SyncHandlerDeps } from './sync-job-handler.js';

export interface SyncWorkerOptions {
  /** A worker connection (`maxRetriesPerRequest: null`); not closed by the worker. */
  connection: RedisConnection;
  /** The queue's BullMQ prefix (its connection's hash tag). */
  prefix: string;
  queue: SyncQueue;
  deps: SyncHandlerDeps;
  deadLetters: DeadLetterSink;
  limiter?: Pick<RateLimiter, 'pause'>;
  policy?: Partial<RetryPolicy>;
  /** Jobs run at once. @defaultValue 8 */
  concurrency?: number;
  logger?: WrapLogger;
}

export function startSyncWorker(options: SyncWorkerOptions): Worker<unknown, SyncResult> {
  const processor = wrapProcessor(handleSyncJob, options.deps, {
    schema: syncJobSchema,
    what: 'sync job',
    queue: options.queue,
    deadLetters: options.deadLetters,
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const worker = new Worker<unknown, SyncResult>(
    syncQueueName(options.deps.target),
    processor,
    queueWorkerOptions({
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 8,
      ...(options.policy ? { policy: options.policy } : {}),
    }),
  );
  recordDeadLettersOnFailure(worker, options.deadLetters);
  return worker;
}
