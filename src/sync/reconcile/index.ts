// Full reconciliation, the use case: stream a source, decide each entity cheaply, sync what
// differs through an executor (the queues, or in-process for a dry run), retire vanished twins.
export { runReconcile } from './run-reconcile.js';
export type {
  ReconcileDeps,
  ReconcileFailure,
  ReconcileFailures,
  ReconcileOptions,
  ReconcileProgress,
} from './reconcile-deps.js';
export { vanishStep } from './vanish-policy.js';
export type { VanishedPolicy, VanishStep } from './vanish-policy.js';
export { DEFAULT_VANISH_GUARD, VanishGuardError } from './vanish.js';
export type { VanishGuard } from './vanish.js';
export { classify } from './classify.js';
export type { ClassifyInput, Decision } from './classify.js';
export { inspectRecord } from './inspect-record.js';
export type { RecordInspection } from './inspect-record.js';
export { itemOfSync, failedItem } from './item-of-sync.js';
export { ReportBuilder, DEFAULT_ITEM_CAP } from './report-builder.js';
export { TaskWindow, batches } from './task-window.js';
export type { SyncExecutor, SyncOutcome } from './sync-executor.js';
export { createDryRunExecutor } from './dry-run-executor.js';
export * from './types.js';
