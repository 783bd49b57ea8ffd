// Full reconciliation: stream both platforms, plan every write, dry run, drift report, run history.
export { runReconcile } from './core/run-reconcile.js';
export type { ReconcileDeps, ReconcileOptions, ReconcileProgress } from './core/reconcile-deps.js';
export { vanishStep } from './core/vanish-policy.js';
export { DEFAULT_VANISH_GUARD, VanishGuardError } from './core/vanish.js';
export type { VanishGuard } from './core/vanish.js';
export type { VanishedPolicy, VanishStep } from './core/vanish-policy.js';
export { classify } from './core/classify.js';
export type { ClassifyInput, Decision } from './core/classify.js';
export { inspectRecord } from './core/inspect-record.js';
export type { RecordInspection } from './core/inspect-record.js';
export { itemOfSync, failedItem } from './core/item-of-sync.js';
export { ReportBuilder, DEFAULT_ITEM_CAP } from './core/report-builder.js';
export { TaskWindow, batches } from './core/task-window.js';
export type { SyncExecutor, SyncOutcome } from './execute/sync-executor.js';
export { createDryRunExecutor } from './execute/dry-run-executor.js';
export { createQueueExecutor } from './execute/queue-executor.js';
export type { QueueExecutorOptions } from './execute/queue-executor.js';
export { JobWaiter } from './execute/job-waiter.js';
export type { JobOutcome } from './execute/job-waiter.js';
export { startSyncWorker } from './execute/sync-worker.js';
export type { SyncWorkerOptions } from './execute/sync-worker.js';
export { withBoundedRetry } from './execute/bounded-retry.js';
export { RedisRunStore } from './runs/run-store.js';
export type { RunStore, RedisRunStoreOptions } from './runs/run-store.js';
export { handleGetRun, handleListRuns } from './runs/runs-handlers.js';
export { handleReconcileJob, ReconcileAbortedError } from './job/reconcile-job-handler.js';
export type { ReconcileJobDeps, ReconcileJobResult } from './job/reconcile-job-handler.js';
export { RunSets } from './state/run-sets.js';
export { RetiredTwins } from './state/retired-twins.js';
export { openReconcileRuntime, reconcileDepsFor } from './wiring/reconcile-runtime.js';
export type {
  ReconcileDepsOptions,
  ReconcileRuntime,
  ReconcileRuntimeOptions,
} from './wiring/reconcile-runtime.js';
export { reconcileExtension } from './wiring/service-extension.js';
export type { ReconcileExtensionOptions } from './wiring/service-extension.js';
export { ItemSpool } from './output/item-spool.js';
export { outputItem, writeJsonReport } from './output/json-report.js';
export { formatItemLine, formatSummaryTable, tally } from './output/summary-table.js';
export type { CountsByKind } from './output/summary-table.js';
export { createProgressLine } from './output/progress.js';
export type { ProgressLine } from './output/progress.js';
export { newRunId, isRunId } from './run-id.js';
export * from './types.js';
