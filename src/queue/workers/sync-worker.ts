// An in-process worker on one sync queue, built exactly as the service builds its own (the same
// job handler, processor wrapper and worker options), so a reconcile run finishes whether or not
// `offer-sync worker` processes are running.
import { Worker } from 'bullmq';
import type { RedisConnection } from '../../redis/redis-connection.js';
import type { PlatformName } from '../../vocabulary/index.js';
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
  /** The platform the worker writes to (it serves `sync-<target>`). */
  target: PlatformName;
  /** A worker connection (`maxRetriesPerRequest: null`); not closed by the worker. */
  connection: RedisConnection;
  /** The configured prefix (hash-tagged by the worker options). */
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
    syncQueueName(options.target),
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
