export { startSyncWorker } from './sync-worker.js';
export type { SyncWorkerOptions } from './sync-worker.js';
export { handleSyncJob, NoRouteError } from './sync-job-handler.js';
export type { RouteSync, SyncHandlerDeps } from './sync-job-handler.js';
export { handleReconcileJob, ReconcileAbortedError } from './reconcile-job-handler.js';
export type {
  ReconcileJobDeps,
  ReconcileJobResult,
  RouteReconcile,
} from './reconcile-job-handler.js';
