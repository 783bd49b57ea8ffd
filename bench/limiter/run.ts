// Limiter benchmark: grants per second achieved against the budget, with 1 and 3 processes
// hammering one network, and how many sliding windows went over it (must be 0).
//   npx tsx bench/limiter/run.ts            (REDIS_URL, or a private redis-server)
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { acquireTestRedis } from '../../test/helpers/redis-server.js';
import { analyseGrants, type GrantAnalysis } from './analyse.js';
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
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
