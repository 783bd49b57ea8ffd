// The queue layer: names, payloads, queues, the limiter, the retry policy, dead letters.
export {
  RECONCILE_QUEUE,
  syncQueueName,
  deadLetterQueueName,
  connectionOfSyncQueue,
  bullPrefix,
} from './names.js';
export {
  SYNC_PRIORITIES,
  syncJobSchema,
  syncJobDataSchema,
  reconcileJobSchema,
  jobTrackingSchema,
  JobPayloadError,
  parsePayload,
  splitTracking,
  entityKeyOf,
} from './job-schemas.js';
export type { SyncJob, SyncJobData, ReconcileJob, JobTracking } from './job-schemas.js';
export { syncDedupeId, reconcileDedupeId, deduplication } from './dedupe.js';
export { DEFAULT_RETENTION, resolveRetention, retentionJobOptions } from './retention.js';
export type { RetentionOptions } from './retention.js';
export { createQueueSet } from './queue-set.js';
export type {
  QueueSet,
  QueueSetOptions,
  SyncQueue,
  ReconcileQueue,
  DeadLetterQueue,
} from './queue-set.js';
export { enqueueSync, enqueueReconcile } from './enqueue.js';
export type { SyncJobRequest, Enqueued } from './enqueue.js';
export {
  CLUSTER_RETRY,
  clusterOptions,
  connectRedis,
  connectionOptions,
  createRedisConnection,
  reconnectDelayMs,
} from './connections.js';
export type { ConnectionRole } from './connections.js';
export * from './limiter/index.js';
export * from './retry/index.js';
export * from './dead-letter/index.js';
