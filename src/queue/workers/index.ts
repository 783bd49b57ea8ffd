export { startSyncWorker } from './sync-worker.js';
export type { SyncWorkerOptions } from './sync-worker.js';
export { handleSyncJob } from './sync-job-handler.js';
export type { SyncHandlerDeps } from './sync-job-handler.js';
export { handleReconcileJob, ReconcileAbortedError } from './reconcile-job-handler.js';
export type { ReconcileJobDeps, ReconcileJobResult } from './reconcile-job-handler.js';
