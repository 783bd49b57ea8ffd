// Budget use: `offer-sync worker` processes syncing a backlog of creates into an Offerslook
// sandbox whose own sliding-window limit equals the configured budget. Judged from the
// sandbox's request log (arrival times): requests per second achieved against the budget, and
// windows over it (must be 0; any would have been refused with a 429).
import { formatRateLimit, type RateLimit } from '../../src/config/index.js';
import { bulkIds, bulkOffers } from '../../test/e2e/pipeline/network.js';
import { startPipelineHarness } from '../../test/helpers/pipeline-harness.js';
import { analyseLog, type LogAnalysis } from './analyse-log.js';

export interface BudgetOptions {
  redisUrl: string;
  prefix: string;
  budget: RateLimit;
  processes: number;
  /** Creates to sync; each costs Offerslook 1 request (the POST: its answer is the read-back). */
  jobs: number;
  /** Sync jobs per process. @defaultValue 4 */
  concurrency?: number;
}

export interface BudgetResult extends LogAnalysis {
  processes: number;
  budget: RateLimit;
  /** Requests the sandbox refused with 429. */
  refused: number;
}

export async function measureBudgetUse(options: BudgetOptions): Promise<BudgetResult> {
  const harness = await startPipelineHarness({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    seed: bulkOffers(options.jobs),
    sandboxRateLimit: { offerslook: options.budget },
    budget: { offerslook: formatRateLimit(options.budget) },
    workers: false,
  });
  try {
    const children = Array.from({ length: options.processes }, () =>
      harness.spawnWorker({ concurrency: options.concurrency ?? 4 }),
    );
    await Promise.all(children.map((child) => child.ready));
    const queued = [];
    for (const id of bulkIds(options.jobs))
      queued.push(await harness.enqueue('offerit', { kind: 'offer', id }));
    await Promise.all(queued.map((job) => harness.result('offerit', job.jobId, 600_000)));
    const log = harness.offerslook.runtime.log;
    const analysis = analyseLog(
      log.entries((entry) => entry.limited).map((entry) => entry.time),
      options.budget.max,
      options.budget.durationMs,
    );
    return {
      ...analysis,
      processes: options.processes,
      budget: options.budget,
      refused: log.entries((entry) => entry.status === 429).length,
    };
  } finally {
    await harness.stop();
  }
}
