// The demo's first act: mirror the sample network along every route, through the same queues
// the service uses (a full reconciliation of each direction).
import { enqueueReconcile } from '../queue/index.js';
import type { App } from './app.js';

export async function mirrorSampleNetwork(app: App): Promise<string> {
  const ids: string[] = [];
  for (const route of app.routes) {
    const queued = await enqueueReconcile(app.queues.reconcile, {
      from: route.source.name,
      to: route.target.name,
      entity: 'all',
      dryRun: false,
      reason: 'cli',
    });
    ids.push(`${route.source.name}>${route.target.name} job ${queued.jobId}`);
  }
  return `reconcile ${ids.join(', ')} (watch them in the dashboard)`;
}
