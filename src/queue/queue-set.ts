// Builds every queue offer-sync uses, with retention, capped event streams and the retry
// defaults: a sync and a dead-letter queue per connection, each under that connection's hash tag,
// and the reconcile queue under the deployment's (key-layout.ts).
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisConnection } from '../redis/redis-connection.js';
import { keyLayout, type KeyLayout } from '../redis/key-layout.js';
import type { ConnectionName } from '../vocabulary/index.js';
import type { DeadLetter } from './dead-letter/dead-letter.js';
import type { ReconcileJob, SyncJobData } from './job-schemas.js';
import { RECONCILE_QUEUE, deadLetterQueueName, syncQueueName } from './names.js';
import { resolveRetention, retentionJobOptions, type RetentionOptions } from './retention.js';
import { BACKOFF_TYPE, resolveRetryPolicy, type RetryPolicy } from './retry/retry-policy.js';

export type SyncQueue = Queue<SyncJobData>;
export type ReconcileQueue = Queue<ReconcileJob>;
export type DeadLetterQueue = Queue<DeadLetter>;

export interface QueueSetOptions {
  /** Shared by every queue; a producer connection (see connections.ts). Not closed by `close`. */
  connection: RedisConnection;
  /** The configured prefix (`offer-sync`); each queue gets its hash tag from it. */
  prefix: string;
  /** The connections, each with its own sync and dead-letter queue. */
  connections: readonly ConnectionName[];
  retention?: Partial<RetentionOptions>;
  retry?: Partial<RetryPolicy>;
}

export interface QueueSet {
  /** Where each queue's keys live; a worker must use its queue's prefix (`prefixOf`). */
  readonly layout: KeyLayout;
  /** The BullMQ prefix of a connection's queues. */
  prefixOf(connection: ConnectionName): string;
  readonly retention: RetentionOptions;
  readonly retry: RetryPolicy;
  /** Jobs that write to each connection. */
  readonly sync: Readonly<Record<ConnectionName, SyncQueue>>;
  readonly reconcile: ReconcileQueue;
  readonly deadLetter: Readonly<Record<ConnectionName, DeadLetterQueue>>;
  all(): Queue[];
  close(): Promise<void>;
}

export function createQueueSet(options: QueueSetOptions): QueueSet {
  const layout = keyLayout(options.prefix);
  const retention = resolveRetention(options.retention);
  const retry = resolveRetryPolicy(options.retry);
  const base = (prefix: string) => ({
    connection: options.connection,
    prefix,
    streams: { events: { maxLen: retention.eventsMaxLen } },
  });
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

  const byConnection = <T>(make: (connection: ConnectionName) => T): Record<ConnectionName, T> =>
    Object.fromEntries(options.connections.map((name) => [name, make(name)]));

  const sync = byConnection(
    (name) =>
      new Queue<SyncJobData>(syncQueueName(name), {
        ...base(layout.connection(name)),
        defaultJobOptions: syncDefaults,
      }),
  );
  const reconcile = new Queue<ReconcileJob>(RECONCILE_QUEUE, {
    ...base(layout.global),
    defaultJobOptions: reconcileDefaults,
  });
  const deadLetter = byConnection(
    (name) =>
      new Queue<DeadLetter>(deadLetterQueueName(name), {
        ...base(layout.connection(name)),
        defaultJobOptions: deadLetterDefaults,
      }),
  );
  const all = (): Queue[] => [...Object.values(sync), reconcile, ...Object.values(deadLetter)];
  return {
    layout,
    prefixOf: (connection) => layout.connection(connection),
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
