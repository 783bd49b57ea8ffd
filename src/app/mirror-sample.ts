// The demo's first act: mirror the sample network both ways, through the same queues the
// service uses (a full reconciliation of each direction).
import { enqueueReconcile } from '../queue/index.js';
import type { Runtime } from './runtime.js';
import { RECONCILE_DIRECTIONS } from './scheduler.js';

export async function mirrorSampleNetwork(runtime: Runtime): Promise<string> {
  const ids: string[] = [];
  for (const direction of RECONCILE_DIRECTIONS) {
    const queued = await enqueueReconcile(runtime.queues.reconcile, {
      ...direction,
      entity: 'all',
      dryRun: false,
      reason: 'cli',
    });
    ids.push(`${direction.from}>${direction.to} job ${queued.jobId}`);
  }
  return `reconcile ${ids.join(', ')} (watch them in the dashboard)`;
}
