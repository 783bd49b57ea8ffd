// Builds every queue offer-sync uses, with retention, capped event streams and the retry
// defaults, from one connection and the configured prefix.
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisConnection } from '../redis/redis-connection.js';
import { PLATFORMS, type PlatformName } from '../vocabulary/index.js';
import type { DeadLetter } from './dead-letter/dead-letter.js';
import type { ReconcileJob, SyncJobData } from './job-schemas.js';
import { RECONCILE_QUEUE, bullPrefix, deadLetterQueueName, syncQueueName } from './names.js';
import { resolveRetention, retentionJobOptions, type RetentionOptions } from './retention.js';
import { BACKOFF_TYPE, resolveRetryPolicy, type RetryPolicy } from './retry/retry-policy.js';

export type SyncQueue = Queue<SyncJobData>;
export type ReconcileQueue = Queue<ReconcileJob>;
export type DeadLetterQueue = Queue<DeadLetter>;

export interface QueueSetOptions {
  /** Shared by every queue; a producer connection (see connections.ts). Not closed by `close`. */
  connection: RedisConnection;
  /** The configured prefix (`offer-sync`); wrapped in a hash tag here. */
  prefix: string;
  retention?: Partial<RetentionOptions>;
  retry?: Partial<RetryPolicy>;
}

export interface QueueSet {
  /** The hash-tagged BullMQ prefix every queue uses; workers must use the same. */
  readonly prefix: string;
  readonly retention: RetentionOptions;
  readonly retry: RetryPolicy;
  /** Jobs that write to each platform. */
  readonly sync: Readonly<Record<PlatformName, SyncQueue>>;
  readonly reconcile: ReconcileQueue;
  readonly deadLetter: Readonly<Record<PlatformName, DeadLetterQueue>>;
  all(): Queue[];
  close(): Promise<void>;
}

export function createQueueSet(options: QueueSetOptions): QueueSet {
  const prefix = bullPrefix(options.prefix);
  const retention = resolveRetention(options.retention);
  const retry = resolveRetryPolicy(options.retry);
  const base = {
    connection: options.connection,
    prefix,
    streams: { events: { maxLen: retention.eventsMaxLen } },
  };
  const kept = retentionJobOptions(retention);
  const syncDefaults: JobsOptions = {
    ...kept,
    attempts: retry.attempts,
    backoff: { type: BACKOFF_TYPE },
  };
  const reconcileDefaults: JobsOptions = {
    ...kept,
    attempts: retry.reconcileAttempts,
    backoff: { type: BACKOFF_TYPE },
  };
  // Nothing processes a DLQ: letters wait there until replayed. Retention is set anyway so a
  // worker attached by mistake could not grow Redis without bound either.
  const deadLetterDefaults: JobsOptions = { ...kept, attempts: 1 };

  const byPlatform = <T>(make: (platform: PlatformName) => T): Record<PlatformName, T> =>
    Object.fromEntries(PLATFORMS.map((platform) => [platform, make(platform)])) as Record<
      PlatformName,
      T
    >;

  const sync = byPlatform(
    (platform) =>
      new Queue<SyncJobData>(syncQueueName(platform), { ...base, defaultJobOptions: syncDefaults }),
  );
  const reconcile = new Queue<ReconcileJob>(RECONCILE_QUEUE, {
    ...base,
    defaultJobOptions: reconcileDefaults,
  });
  const deadLetter = byPlatform(
    (platform) =>
      new Queue<DeadLetter>(deadLetterQueueName(platform), {
        ...base,
        defaultJobOptions: deadLetterDefaults,
      }),
  );
  const all = (): Queue[] => [...Object.values(sync), reconcile, ...Object.values(deadLetter)];
  return {
    prefix,
    retention,
    retry,
    sync,
    reconcile,
    deadLetter,
    all,
    async close() {
      await Promise.all(all().map((queue) => queue.close()));
    },
  };
}
