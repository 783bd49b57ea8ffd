// Pipeline benchmark, printed as ratios from one run:
//   1. sync jobs per second through the whole pipeline against an empty BullMQ processor on the
//      same Redis (same jobs, same concurrency; sandboxes without a rate limit): the overhead
//      (no target: shown);
//   2. Offerslook requests per second achieved against the configured budget with 1 and with 3
//      `offer-sync worker` processes (target >= 90 % of the budget, no window over it, no 429);
//   3. requests per created, updated and unchanged offer of live syncs in each direction against
//      the true minimum (per-entity.ts: one read of the source + the writes needed), at the
//      README's budgets; targets on the target platform: <= 1.1 per created offer plus the writes
//      needed beyond one, <= the writes + 1 read per updated offer (unchanged: shown, no target);
//   4. two Offerslook connections fed at once from one config file by one worker process: each
//      one's requests per second against its own budget (target >= 0.95 each, no window over
//      it, no 429, the two runs overlapping; connections.ts).
// Sandboxes and the in-process workers share this process; worker processes are children.
// Exits non-zero when a target is missed.
//   npx tsx bench/pipeline/run.ts            (REDIS_URL, or a private redis-server)
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { formatRateLimit, type RateLimit } from '../../src/config/index.js';
import { acquireTestRedis } from '../../test/helpers/redis-server.js';
import { measureBudgetUse, type BudgetResult } from './budget.js';
import {
  formatConnections,
  measureConnections,
  meetsConnectionsTarget,
  type ConnectionsResult,
} from './connections.js';
import { measureOverhead, type OverheadResult } from './overhead.js';
import { formatLive, measureLiveSyncs, meetsLiveTarget, type LiveFigure } from './per-entity.js';

export interface PipelineBenchOptions {
  redisUrl: string;
  /** Jobs in the overhead comparison. @defaultValue 300 */
  jobs?: number;
  /** Jobs run at once in the overhead comparison (both sides). @defaultValue 8 */
  concurrency?: number;
  /** The Offerslook budget, also the sandbox's own limit. @defaultValue 50 per 10 s (documented) */
  budget?: RateLimit;
  /** Creates per budget run; 1 Offerslook request each. @defaultValue 200 (about 40 s at 50/10s) */
  budgetJobs?: number;
  /** Worker process counts to measure. @defaultValue [1, 3] */
  processes?: number[];
  /** Told each result line as soon as it is measured. */
  report?: (line: string) => void;
  /** Which parts to run. @defaultValue all: ['overhead', 'budget', 'live', 'connections'] */
  parts?: readonly ('overhead' | 'budget' | 'live' | 'connections')[];
}

export interface PipelineBenchResult {
  overhead?: OverheadResult;
  budget: BudgetResult[];
  live: LiveFigure[];
  connections?: ConnectionsResult;
}

/** The share of the budget a run must reach. */
export const BUDGET_TARGET = 0.9;

export async function runPipelineBench(
  options: PipelineBenchOptions,
): Promise<PipelineBenchResult> {
  const prefix = `bench-pipeline-${randomBytes(4).toString('hex')}`;
  const parts = options.parts ?? ['overhead', 'budget', 'live', 'connections'];
  try {
    let overhead: OverheadResult | undefined;
    if (parts.includes('overhead')) {
      overhead = await measureOverhead({
        redisUrl: options.redisUrl,
        prefix: `${prefix}-overhead`,
        jobs: options.jobs ?? 300,
        concurrency: options.concurrency ?? 8,
      });
      options.report?.(formatOverhead(overhead));
    }
    const budget: BudgetResult[] = [];
    for (const processes of parts.includes('budget') ? (options.processes ?? [1, 3]) : []) {
      const result = await measureBudgetUse({
        redisUrl: options.redisUrl,
        prefix: `${prefix}-budget-${processes}`,
        budget: options.budget ?? { max: 50, durationMs: 10_000 },
        processes,
        jobs: options.budgetJobs ?? 200,
      });
      options.report?.(formatBudget(result));
      budget.push(result);
    }
    const live: LiveFigure[] = [];
    if (parts.includes('live')) {
      options.report?.(
        'live syncs, Offerit answering v2, budgets Offerit 20/1s and Offerslook 50/10s (sandboxes the same):',
      );
      live.push(
        ...(await measureLiveSyncs({ redisUrl: options.redisUrl, prefix: `${prefix}-live` })),
      );
      for (const figure of live) for (const line of formatLive(figure)) options.report?.(line);
    }
    let connections: ConnectionsResult | undefined;
    if (parts.includes('connections')) {
      connections = await measureConnections({
        redisUrl: options.redisUrl,
        prefix: `${prefix}-connections`,
      });
      for (const line of formatConnections(connections)) options.report?.(line);
    }
    return {
      ...(overhead ? { overhead } : {}),
      budget,
      live,
      ...(connections ? { connections } : {}),
    };
  } finally {
    await deleteKeys(options.redisUrl, prefix);
  }
}

export function formatOverhead(result: OverheadResult): string {
  return (
    `overhead: ${result.jobs} jobs, concurrency ${result.concurrency}: ` +
    `empty processor ${result.emptyPerSec.toFixed(1)} jobs/s, sync pipeline ${result.pipelinePerSec.toFixed(1)} jobs/s ` +
    `-> ratio ${result.ratio.toFixed(3)} (pipeline / empty), ${(1 / result.ratio).toFixed(1)}x the time per job`
  );
}

export function formatBudget(result: BudgetResult): string {
  const verdict = meetsTarget(result) ? 'ok' : 'MISSED';
  return (
    `budget ${formatRateLimit(result.budget)}, ${result.processes} worker process${result.processes === 1 ? '' : 'es'}: ` +
    `${result.achievedPerSec.toFixed(2)} req/s of ${result.budgetPerSec.toFixed(2)} -> ratio ${result.ratio.toFixed(3)} ` +
    `(target >= ${BUDGET_TARGET}), requests=${result.requests} maxInWindow=${result.maxInWindow} ` +
    `overLimitWindows=${result.overLimitWindows} refused429=${result.refused} [${verdict}]`
  );
}

export function meetsTarget(result: BudgetResult): boolean {
  return result.ratio >= BUDGET_TARGET && result.overLimitWindows === 0 && result.refused === 0;
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    for (const pattern of [`${prefix}*`, `{${prefix}*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const redis = await acquireTestRedis();
  console.log(`redis: ${redis.description}`);
  try {
    // One part at a time for a quick look: BENCH_PARTS=overhead,budget,live,connections.
    const parts = process.env.BENCH_PARTS?.split(',') as PipelineBenchOptions['parts'];
    const result = await runPipelineBench({
      redisUrl: redis.url,
      report: (line) => console.log(line),
      ...(parts ? { parts } : {}),
    });
    if (
      !result.budget.every(meetsTarget) ||
      !result.live.every(meetsLiveTarget) ||
      (result.connections && !meetsConnectionsTarget(result.connections))
    )
      process.exitCode = 1;
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
