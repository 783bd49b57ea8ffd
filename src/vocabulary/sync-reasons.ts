// Why a sync or a reconciliation was asked for: it decides a job's priority (live work ahead of
// reconciliation) and the request class at the limiter.
export const SYNC_REASONS = ['webhook', 'reconcile', 'cli', 'replay', 'schedule'] as const;
export type SyncReason = (typeof SYNC_REASONS)[number];

/** What one reconciliation covers: one entity kind, or all of them (parents first). */
export const RECONCILE_ENTITIES = ['offer', 'goal', 'commission', 'all'] as const;
export type ReconcileEntity = (typeof RECONCILE_ENTITIES)[number];
