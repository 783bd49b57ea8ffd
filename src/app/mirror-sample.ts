// The demo's first act: mirror the sample network along every route, through the same queues
// the service uses (a full reconciliation of each direction).
import { enqueueReconcile } from '../queue/index.js';
import type { App } from './app.js';

export interface MirrorJob {
  /** `offerit->offerslook` */
  route: string;
  /** The reconcile job on the reconcile queue. */
  jobId: string;
}

export interface SampleMirror {
  /** What was queued, for the start banner. */
  line: string;
  jobs: MirrorJob[];
}

export async function mirrorSampleNetwork(app: App): Promise<SampleMirror> {
  const jobs: MirrorJob[] = [];
  for (const route of app.routes) {
    const queued = await enqueueReconcile(app.queues.reconcile, {
      from: route.source.name,
      to: route.target.name,
      entity: 'all',
      dryRun: false,
      reason: 'cli',
    });
    jobs.push({ route: route.config.name, jobId: queued.jobId });
  }
  const ids = jobs.map((job) => `${job.route.replace('->', '>')} job ${job.jobId}`);
  return { line: `reconcile ${ids.join(', ')} (watch them in the dashboard)`, jobs };
}
