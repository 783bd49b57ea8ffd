// Limiter benchmark: grants per second achieved against the budget, with 1 and 3 processes
// hammering one network, and how many sliding windows went over it (must be 0). Then live and
// reconcile classes together: reconciliation saturating from several processes while live work
// arrives at a steady rate, and while live work saturates too: each class's share of the budget,
// reconcile grants while live waited against floor(share * max), live waits.
// Targets (exit non-zero otherwise): no window over the budget in any run; while live work waits,
// at most floor(share * max) reconcile grants in any window. Achieved rates and shares are shown.
//   npx tsx bench/limiter/run.ts            (REDIS_URL, or a private redis-server)
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { createRateLimiter, reconcileMaxOf } from '../../src/queue/limiter/index.js';
import { acquireTestRedis } from '../../test/helpers/redis-server.js';
import {
  analyseClasses,
  analyseGrants,
  type ClassAnalysis,
  type GrantAnalysis,
} from './analyse.js';
import { trickle } from './hammer.js';
import { spawnHammer } from './spawn-hammer.js';

export interface LimiterBenchOptions {
  redisUrl: string;
  processes: number;
  /** Budget: at most `max` grants per `windowMs` (milliseconds). */
  max: number;
  windowMs: number;
  /** How long each process hammers, in milliseconds. */
  durationMs: number;
  /** Acquire loops per process. @defaultValue 4 */
  concurrency?: number;
}

export interface LimiterBenchResult extends GrantAnalysis {
  processes: number;
}

export async function runLimiterBench(options: LimiterBenchOptions): Promise<LimiterBenchResult> {
  const prefix = `bench-limiter-${randomBytes(4).toString('hex')}`;
  const children = Array.from({ length: options.processes }, () =>
    spawnHammer({ ...options, prefix, concurrency: options.concurrency ?? 4 }),
  );
  try {
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const grants = (await Promise.all(children.map((child) => child.result))).flat();
    return {
      processes: options.processes,
      ...analyseGrants(grants, options.max, options.windowMs),
    };
  } finally {
    for (const child of children) child.kill();
    await deleteKeys(options.redisUrl, `{${prefix}}*`);
  }
}

export interface MixedBenchOptions {
  redisUrl: string;
  /** Budget: at most `max` grants per `windowMs` (milliseconds). */
  max: number;
  windowMs: number;
  durationMs: number;
  /** The limiters' reconcileShare. */
  share: number;
  /** Processes taking reconcile grants as fast as they may, 4 loops each. */
  reconcileProcesses: number;
  /** Live work: one request every this many milliseconds, or `saturate` (a process of 4 loops). */
  live: number | 'saturate';
}

export interface MixedBenchResult extends ClassAnalysis {
  options: MixedBenchOptions;
}

export async function runMixedBench(options: MixedBenchOptions): Promise<MixedBenchResult> {
  const prefix = `bench-limiter-${randomBytes(4).toString('hex')}`;
  const spawnOf = (requestClass: 'live' | 'reconcile') =>
    spawnHammer({
      ...options,
      prefix,
      concurrency: 4,
      reconcileShare: options.share,
      requestClass,
    });
  const children = Array.from({ length: options.reconcileProcesses }, () => spawnOf('reconcile'));
  if (options.live === 'saturate') children.push(spawnOf('live'));
  const redis = new Redis(options.redisUrl);
  try {
    await Promise.all([...children.map((child) => child.ready), redis.ping()]);
    const limiter = createRateLimiter(
      redis,
      prefix,
      { offerslook: { max: options.max, durationMs: options.windowMs } },
      { reconcileShare: options.share },
    );
    for (const child of children) child.go();
    const steady =
      options.live === 'saturate'
        ? Promise.resolve([])
        : trickle(limiter, {
            network: 'offerslook',
            everyMs: options.live,
            durationMs: options.durationMs,
          });
    const grants = (await Promise.all([steady, ...children.map((child) => child.grants)])).flat();
    const reconcileMax = reconcileMaxOf(options.share, options.max);
    return { options, ...analyseClasses(grants, options.max, options.windowMs, reconcileMax) };
  } finally {
    for (const child of children) child.kill();
    redis.disconnect();
    await deleteKeys(options.redisUrl, `{${prefix}}*`);
  }
}

export function formatMixedLine(result: MixedBenchResult): string {
  const { options } = result;
  const live =
    options.live === 'saturate'
      ? 'live saturating'
      : `live every ${options.live.toFixed(0)}ms (${((1000 / options.live / result.all.budgetPerSec) * 100).toFixed(0)}% of budget)`;
  return (
    `${live}, reconcile saturating from ${options.reconcileProcesses} processes, share=${options.share}: ` +
    `live=${result.liveRatio.toFixed(3)} reconcile=${result.reconcileRatio.toFixed(3)} ` +
    `total=${result.all.ratio.toFixed(3)} of budget; ` +
    `reconcile grants while live waited=${result.reconcileWhileLiveWaits} ` +
    `most in a window at one=${result.maxReconcileWhileLiveWaits}/${result.reconcileMax} ` +
    `(${(result.maxReconcileWhileLiveWaits / options.max).toFixed(3)} of budget); ` +
    `live wait p50=${result.liveWaitP50Ms}ms p95=${result.liveWaitP95Ms}ms ` +
    `(slot ${(options.windowMs / options.max).toFixed(0)}ms); ` +
    `overLimitWindows=${result.all.overLimitWindows}`
  );
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export function formatBenchLine(result: LimiterBenchResult): string {
  return (
    `processes=${result.processes} grants=${result.grants} ` +
    `achieved=${result.achievedPerSec.toFixed(2)}/s budget=${result.budgetPerSec.toFixed(2)}/s ` +
    `ratio=${result.ratio.toFixed(3)} maxInWindow=${result.maxInWindow} overLimitWindows=${result.overLimitWindows}`
  );
}

async function main(): Promise<void> {
  const redis = await acquireTestRedis();
  console.log(`redis: ${redis.description}`);
  try {
    const budget = { max: 50, windowMs: 1000, durationMs: 6000 };
    for (const processes of [1, 3]) {
      const result = await runLimiterBench({ redisUrl: redis.url, processes, ...budget });
      console.log(formatBenchLine(result));
      if (result.overLimitWindows > 0) process.exitCode = 1;
    }
    // Live at a tenth of the budget (within its part, 1 - share), at 30 % (beyond it: while
    // reconciliation saturates, live work gets its part and queues for the rest), then live
    // wanting the whole budget.
    const every = (fraction: number) => budget.windowMs / (budget.max * fraction);
    for (const live of [every(0.1), every(0.3), 'saturate'] as const) {
      const result = await runMixedBench({
        redisUrl: redis.url,
        ...budget,
        share: 0.8,
        reconcileProcesses: 2,
        live,
      });
      console.log(formatMixedLine(result));
      const overShare = result.maxReconcileWhileLiveWaits > result.reconcileMax;
      if (result.all.overLimitWindows > 0 || overShare) process.exitCode = 1;
    }
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
