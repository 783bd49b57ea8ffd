// Waits for the demo's first mirror (its reconcile jobs) to end, then gathers what needs a
// person: each run's report, every pair's open conflicts and every connection's dead letters,
// for formatMirrorOutcomes to print. Polls job states rather than listening for events: the
// jobs may have ended before anyone listened, and a poll cannot miss that.
import { createDeadLetters } from '../queue/index.js';
import type { ReconcileReport, RunSummary } from '../sync/reconcile/types.js';
import type { App } from './app.js';
import type { MirrorJob } from './mirror-sample.js';
import { formatMirrorOutcomes, type MirrorOutcomes } from './mirror-outcomes.js';

export interface FirstMirrorOptions {
  /** The HTTP server's base URL, where the console lives. */
  baseUrl: string;
  /** Stops waiting (the process is shutting down). */
  signal?: AbortSignal;
  /** @defaultValue 250 */
  pollMs?: number;
}

/** The lines to print, or undefined when waiting was stopped. */
export async function firstMirrorReport(
  app: App,
  jobs: MirrorJob[],
  options: FirstMirrorOptions,
): Promise<string[] | undefined> {
  const queue = app.queues.reconcile;
  const ended = new Map<string, 'completed' | 'failed'>();
  while (ended.size < jobs.length) {
    if (options.signal?.aborted) return undefined;
    for (const job of jobs) {
      if (ended.has(job.jobId)) continue;
      const state = await queue.getJobState(job.jobId);
      // `unknown`: retention removed it already; its run report is what counts.
      if (state === 'completed' || state === 'failed') ended.set(job.jobId, state);
      else if (state === 'unknown') ended.set(job.jobId, 'completed');
    }
    if (ended.size < jobs.length) await pause(options.pollMs ?? 250, options.signal);
  }
  const summaries = await app.runs.list();
  const runs: (ReconcileReport | RunSummary)[] = [];
  const missing: MirrorOutcomes['missing'] = [];
  for (const job of jobs) {
    // Newest first: a retried run's last attempt is the one that counts.
    const summary = summaries.find((candidate) => candidate.jobId === job.jobId);
    const run = summary && (await app.runs.get(summary.runId));
    if (run) {
      runs.push(run);
    } else {
      const failed = await queue.getJob(job.jobId);
      missing.push({ route: job.route, reason: failed?.failedReason ?? 'no run report was kept' });
    }
  }
  const conflicts: MirrorOutcomes['conflicts'] = [];
  const pairs = new Map(app.routes.map((route) => [route.pair.name, route.pair]));
  for (const [pair, stores] of pairs) {
    for (const conflict of await stores.conflicts.list()) conflicts.push({ pair, conflict });
  }
  const deadLetters = await createDeadLetters(app.queues).list();
  return formatMirrorOutcomes({ runs, missing, conflicts, deadLetters, baseUrl: options.baseUrl });
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
