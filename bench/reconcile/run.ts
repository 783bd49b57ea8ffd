// Reconcile benchmark, printed as ratios from one run:
//   1. wall time against the lower bound (requests the budgeted network needed / its budget B)
//      for a 10,000-offer reconcile whose 1,000 new offers (every tenth) must be created on a
//      rate-limited Offerslook (target <= 1.15; the runtime's limiter keeps a 10% window margin
//      for arrival jitter, so 1.10 is the floor), and for the reverse run that streams it;
//   2. requests per unchanged entity, each direction;
//   3. peak RSS of the reconcile process at 10,000 and at 100,000 offers (target: flat), and the
//      heap still live after a full GC at the end (peak RSS mostly measures V8's lazy collection).
// Each sandbox runs in a child process of its own, each reconcile in another (measured from inside).
// Offers already mirrored are pre-linked straight into Redis (their content hash, as a finished
// sync would leave it), so the bench spends its time on what it measures.
//   npx tsx bench/reconcile/run.ts            (REDIS_URL, or a private redis-server)
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/index.js';
import { createOfferitClient, createOfferitPlatform } from '../../src/platforms/offerit/index.js';
import { bullPrefix } from '../../src/queue/index.js';
import { TaskWindow } from '../../src/sync/reconcile/index.js';
import { RedisLinkStore } from '../../src/store/index.js';
import { loadMappings } from '../../src/mapping/index.js';
import { recordHasher } from '../../src/sync/run/record-hash.js';
import { ADVERTISER_MAP } from '../../test/e2e/reconcile/network-fixtures.js';
import { acquireTestRedis } from '../../test/helpers/redis-server.js';
import { spawnBenchChild, type BenchChild } from './child-process.js';

export interface ReconcileBenchOptions {
  redisUrl: string;
  /** Offers in the wall-time network; `newOffers` of them are not mirrored yet. @defaultValue 10000 */
  offers?: number;
  /** @defaultValue 1000 */
  newOffers?: number;
  /** Offerslook's budget B, requests per second (sandbox sliding window of 1 s). @defaultValue 100 */
  budgetPerSec?: number;
  /** Offers in the large network for the RSS comparison. @defaultValue 100000 */
  largeOffers?: number;
}

interface PlatformStats {
  requests: number;
  gets: number;
  writes: number;
  rateLimited: number;
  maxInWindow: number | null;
}
type Stats = Record<'offerit' | 'offerslook', PlatformStats>;

interface RunResult {
  wallMs: number;
  heapAfterGcKb?: number;
  maxRssKb: number;
  rssBeforeRunKb: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  paused: number;
  writes: number;
  status: string;
}

export interface ReconcileBenchResult {
  offers: number;
  newOffers: number;
  budgetPerSec: number;
  create: { run: RunResult; stats: Stats; lowerBoundMs: number; ratio: number };
  unchangedForward: { run: RunResult; stats: Stats; requestsPerEntity: number };
  unchangedReverse: {
    run: RunResult;
    stats: Stats;
    requestsPerEntity: number;
    lowerBoundMs: number;
    ratio: number;
  };
  large: { offers: number; run: RunResult; stats: Stats };
  rssRatio: number;
}

export async function runReconcileBench(
  options: ReconcileBenchOptions,
): Promise<ReconcileBenchResult> {
  const offers = options.offers ?? 10_000;
  const newOffers = options.newOffers ?? 1000;
  const budget = options.budgetPerSec ?? 100;
  const largeOffers = options.largeOffers ?? 100_000;

  const small = await startNetwork(offers, budget, options.redisUrl);
  let create, unchangedForward, unchangedReverse;
  try {
    // Every n-th offer is new, so new offers are spread through the network as changes are.
    const every = Math.max(1, Math.round(offers / newOffers));
    await prelink(small.env, options.redisUrl, (index) => index % every !== every - 1);
    // 1. New offers created on the budgeted Offerslook.
    const create1 = await measure(small, { from: 'offerit', to: 'offerslook', entity: 'offer' });
    const lowerBoundMs = (create1.stats.offerslook.requests / budget) * 1000;
    create = { ...create1, lowerBoundMs, ratio: create1.run.wallMs / lowerBoundMs };
    // 2. Right after: every offer unchanged, in each direction.
    const forward = await measure(small, { from: 'offerit', to: 'offerslook', entity: 'offer' });
    unchangedForward = {
      ...forward,
      requestsPerEntity:
        (forward.stats.offerit.requests + forward.stats.offerslook.requests) / offers,
    };
    // The reverse direction sees only the twins created above (the pre-linked ones have no real
    // twin there: VANISHED_POLICY=ignore keeps it from pausing their sources).
    const reverse = await measure(
      small,
      { from: 'offerslook', to: 'offerit', entity: 'offer' },
      { VANISHED_POLICY: 'ignore' },
    );
    const reverseLowerMs = (reverse.stats.offerslook.requests / budget) * 1000;
    unchangedReverse = {
      ...reverse,
      requestsPerEntity:
        (reverse.stats.offerit.requests + reverse.stats.offerslook.requests) / newOffers,
      lowerBoundMs: reverseLowerMs,
      ratio: reverse.run.wallMs / reverseLowerMs,
    };
  } finally {
    await small.stop();
  }

  // 3. Peak RSS of an all-unchanged run over a network ten times the size.
  const large = await startNetwork(largeOffers, 0, options.redisUrl);
  let largeRun;
  try {
    await prelink(large.env, options.redisUrl, () => true);
    largeRun = await measure(large, { from: 'offerit', to: 'offerslook', entity: 'offer' });
  } finally {
    await large.stop();
  }
  return {
    offers,
    newOffers,
    budgetPerSec: budget,
    create,
    unchangedForward,
    unchangedReverse,
    large: { offers: largeOffers, ...largeRun },
    rssRatio: largeRun.run.maxRssKb / unchangedForward.run.maxRssKb,
  };
}

interface Network {
  sandboxes: Record<'offerit' | 'offerslook', BenchChild>;
  env: Record<string, string>;
  stats(): Promise<Stats>;
  stop(): Promise<void>;
}

async function startNetwork(offers: number, perSecond: number, redisUrl: string): Promise<Network> {
  const sandboxes = {
    offerit: spawnBenchChild('./sandbox-child.ts', ['offerit', String(offers)]),
    offerslook: spawnBenchChild('./sandbox-child.ts', ['offerslook', String(perSecond)]),
  };
  const ready = {
    offerit: ((await sandboxes.offerit.ready) as { url: string }).url,
    offerslook: ((await sandboxes.offerslook.ready) as { url: string }).url,
  };
  const prefix = `bench-reconcile-${randomBytes(4).toString('hex')}`;
  const env = {
    REDIS_URL: redisUrl,
    OFFER_SYNC_PREFIX: prefix,
    OFFERIT_BASE_URL: ready.offerit,
    OFFERIT_API_USERNAME: 'sandbox',
    OFFERIT_API_KEY: 'sandbox-offerit-key',
    OFFERIT_RATE_LIMIT: '100000/1s',
    OFFERSLOOK_BASE_URL: ready.offerslook,
    OFFERSLOOK_NETWORK: 'sandbox',
    OFFERSLOOK_API_KEY: 'sandbox-offerslook-key',
    // Exactly B: the runtime's limiter adds its own window margin (10%) for arrival jitter.
    OFFERSLOOK_RATE_LIMIT: perSecond > 0 ? `${perSecond}/1s` : '100000/1s',
    OFFERSLOOK_PAGE_SIZE: '100',
    ADVERTISER_MAP,
    LOG_LEVEL: 'warn',
  };
  const each = <T>(command: (child: BenchChild) => Promise<T>) =>
    Promise.all([command(sandboxes.offerit), command(sandboxes.offerslook)]);
  return {
    sandboxes,
    env,
    async stats() {
      const [offerit, offerslook] = await each((child) => child.ask('stats'));
      return { offerit, offerslook } as unknown as Stats;
    },
    async stop() {
      await each(async (child) => {
        child.kill();
        await child.exited;
      });
      await deleteKeys(redisUrl, `{${prefix}}*`);
    },
  };
}

async function measure(
  network: Network,
  request: { from: string; to: string; entity: string },
  env: Record<string, string> = {},
): Promise<{ run: RunResult; stats: Stats }> {
  await Promise.all([
    network.sandboxes.offerit.ask('clear'),
    network.sandboxes.offerslook.ask('clear'),
  ]);
  const child = spawnBenchChild(
    './reconcile-child.ts',
    [JSON.stringify({ ...request, dryRun: false, reason: 'cli' })],
    { ...network.env, ...env },
    // Lets the child collect garbage before reading what the run left on the heap.
    ['--expose-gc'],
  );
  const run = (await child.ready) as unknown as RunResult;
  await child.exited;
  const stats = await network.stats();
  if (process.env.BENCH_TIMELINE) {
    console.log(JSON.stringify(await network.sandboxes.offerslook.ask('timeline')));
  }
  if (run.status !== 'done' || run.failed > 0) {
    throw new Error(
      `reconcile ${request.from}->${request.to} did not finish cleanly: ${JSON.stringify(run)}`,
    );
  }
  return { run, stats };
}

/** Links the Offerit offers `linked(index)` picks, as a finished sync would have (twins are stand-ins). */
async function prelink(
  env: Record<string, string>,
  redisUrl: string,
  linked: (index: number) => boolean,
): Promise<void> {
  const config = loadConfig(env);
  const client = createOfferitPlatform(createOfferitClient(config.offerit!));
  const redis = new Redis(redisUrl);
  const links = new RedisLinkStore(redis, { prefix: bullPrefix(config.prefix) });
  const hasher = recordHasher(await loadMappings(config.mappingsDir));
  const window = new TaskWindow(64);
  let index = -1;
  try {
    for await (const record of client.list('offer')) {
      index += 1;
      if (!linked(index)) continue;
      const key = client.keyOf('offer', record);
      const twin = { kind: 'offer' as const, id: String(10_000_000 + index) };
      await window.submit(async () => {
        await links.save({
          kind: 'offer',
          offerit: { key, seenHash: hasher.hash('offerit', 'offer', record), syncedAt: 0 },
          offerslook: { key: twin, syncedAt: 0 },
          version: 0,
        });
      });
    }
    await window.drain();
  } finally {
    redis.disconnect();
  }
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function formatBenchLines(result: ReconcileBenchResult): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  const { create, unchangedForward: forward, unchangedReverse: reverse, large } = result;
  return [
    `network: ${result.offers} offers (${result.newOffers} new), Offerslook budget B=${result.budgetPerSec}/s`,
    `create  offerit->offerslook: wall ${s(create.run.wallMs)} vs lower bound ${s(create.lowerBoundMs)} ` +
      `(${create.stats.offerslook.requests} Offerslook requests / B): ratio ${create.ratio.toFixed(3)} (target <= 1.15); ` +
      `created ${create.run.created}, 429s ${create.stats.offerslook.rateLimited}, max in 1 s ${create.stats.offerslook.maxInWindow}`,
    `unchanged offerit->offerslook: ${forward.run.unchanged} unchanged, ` +
      `${forward.stats.offerit.requests + forward.stats.offerslook.requests} requests = ${forward.requestsPerEntity.toFixed(4)} per entity, ` +
      `${forward.stats.offerit.writes + forward.stats.offerslook.writes} writes, wall ${s(forward.run.wallMs)}`,
    `unchanged offerslook->offerit: ${reverse.run.unchanged} unchanged, ` +
      `${reverse.stats.offerit.requests + reverse.stats.offerslook.requests} requests = ${reverse.requestsPerEntity.toFixed(4)} per entity, ` +
      `wall ${s(reverse.run.wallMs)} vs lower bound ${s(reverse.lowerBoundMs)}: ratio ${reverse.ratio.toFixed(3)}`,
    `peak RSS (unchanged run): ${mb(forward.run.maxRssKb)} at ${result.offers} offers, ` +
      `${mb(large.run.maxRssKb)} at ${large.offers} offers: ratio ${result.rssRatio.toFixed(3)} (target: flat) ` +
      `[before the run: ${mb(forward.run.rssBeforeRunKb)} / ${mb(large.run.rssBeforeRunKb)}; ` +
      `${large.offers} offers took ${s(large.run.wallMs)}, ${large.stats.offerit.requests} requests]` +
      (forward.run.heapAfterGcKb && large.run.heapAfterGcKb
        ? ` heap after GC ${mb(forward.run.heapAfterGcKb)} / ${mb(large.run.heapAfterGcKb)}`
        : ''),
  ];
}

async function main(): Promise<void> {
  const redis = await acquireTestRedis();
  console.log(`redis: ${redis.description}`);
  try {
    // Smaller networks for a quick look: BENCH_OFFERS, BENCH_NEW_OFFERS, BENCH_BUDGET, BENCH_LARGE.
    const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
    const result = await runReconcileBench({
      redisUrl: redis.url,
      ...(number('BENCH_OFFERS') ? { offers: number('BENCH_OFFERS') } : {}),
      ...(number('BENCH_NEW_OFFERS') ? { newOffers: number('BENCH_NEW_OFFERS') } : {}),
      ...(number('BENCH_BUDGET') ? { budgetPerSec: number('BENCH_BUDGET') } : {}),
      ...(number('BENCH_LARGE') ? { largeOffers: number('BENCH_LARGE') } : {}),
    });
    for (const line of formatBenchLines(result)) console.log(line);
    if (result.create.ratio > 1.15 || result.rssRatio > 1.3) process.exitCode = 1;
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
