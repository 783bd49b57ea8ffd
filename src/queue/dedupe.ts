// Deduplication ids. One per route and entity: a burst of webhooks for one offer becomes one
// job, and the same entity never syncs twice in parallel (see `syncDeduplication`).
import type { ConnectionName } from '../vocabulary/index.js';
import { formatEntityKey, type EntityKey } from '../vocabulary/index.js';
import type { ReconcileJob } from './job-schemas.js';

/** `offerit>offerslook:goal:400/48` */
export function syncDedupeId(
  source: ConnectionName,
  target: ConnectionName,
  key: EntityKey,
): string {
  return `${source}>${target}:${formatEntityKey(key)}`;
}

/** `reconcile:offerit>offerslook:offer:live` */
export function reconcileDedupeId(
  job: Pick<ReconcileJob, 'from' | 'to' | 'entity' | 'dryRun'>,
): string {
  return `reconcile:${job.from}>${job.to}:${job.entity}:${job.dryRun ? 'dry' : 'live'}`;
}

/**
 * BullMQ deduplication with `keepLastIfActive`: while a job with this id waits, new adds are
 * dropped (it will read the current state anyway); while one is active, the latest add is kept
 * and becomes exactly one new job when the active one finishes. So at most one runs and one
 * waits per entity. No TTL: the key lives exactly as long as the job.
 */
export function deduplication(id: string): { id: string; keepLastIfActive: true } {
  return { id, keepLastIfActive: true };
}
