// Two connections at once: one Offerit connection syncing a backlog of creates into two
// Offerslook connections (partner-a, partner-b) from one offer-sync.yaml, worked by one
// `offer-sync worker` process. Each partner's sandbox refuses more than its own budget (429),
// and offer-sync is told the same budget. Judged from each sandbox's request log: requests per
// second against that connection's own budget while both run (target >= 0.95 each), windows over
// it (must be 0), and how much of the two runs overlapped in time.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src/app/app.js';
import { formatRateLimit, loadConfig, type RateLimit } from '../../src/config/index.js';
import { createLogger } from '../../src/log/logger.js';
import { enqueueSync } from '../../src/queue/index.js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/demo/start-sandboxes.js';
import { createOfferitSandbox, offeritFixturesSchema } from '../../src/sandbox/offerit/index.js';
import {
  createOfferslookSandbox,
  type OfferslookSandbox,
} from '../../src/sandbox/offerslook/index.js';
import { bulkIds, bulkOffers } from '../../test/e2e/pipeline/network.js';
import { spawnCli, waitForOutput } from '../../test/helpers/cli.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { analyseLog, type LogAnalysis } from './analyse-log.js';

export const CONNECTIONS_TARGET = 0.95;
const PARTNERS = ['partner-a', 'partner-b'] as const;

export interface ConnectionsOptions {
  redisUrl: string;
  prefix: string;
  /** Each partner's budget (and its sandbox's limit). @defaultValue 50 per 10 s each */
  budgets?: Record<(typeof PARTNERS)[number], RateLimit>;
  /** Creates per partner; each costs that partner 1 request. @defaultValue 200 */
  jobs?: number;
  /** Sync jobs per queue of the worker process. @defaultValue 4 */
  concurrency?: number;
}

export interface ConnectionFigure extends LogAnalysis {
  connection: string;
  budget: RateLimit;
  refused: number;
  firstMs: number;
  lastMs: number;
}

export interface ConnectionsResult {
  figures: ConnectionFigure[];
  /** Time both partners received requests / time either did. */
  overlap: number;
}

export async function measureConnections(options: ConnectionsOptions): Promise<ConnectionsResult> {
  const jobs = options.jobs ?? 200;
  const budgets = options.budgets ?? {
    'partner-a': { max: 50, durationMs: 10_000 },
    'partner-b': { max: 50, durationMs: 10_000 },
  };
  const offerit = createOfferitSandbox({
    ...SANDBOX_CREDENTIALS.offerit,
    fixtures: offeritFixturesSchema.parse(bulkOffers(jobs).offerit),
  });
  const partners = Object.fromEntries(
    PARTNERS.map((name) => [
      name,
      createOfferslookSandbox({ network: name, apiKey: `${name}-key`, rateLimit: budgets[name] }),
    ]),
  ) as Record<(typeof PARTNERS)[number], OfferslookSandbox>;
  const dir = await mkdtemp(join(tmpdir(), 'offer-sync-bench-connections-'));
  const stops: (() => Promise<unknown>)[] = [
    () => offerit.stop(),
    ...PARTNERS.map((name) => () => partners[name].stop()),
    () => rm(dir, { recursive: true, force: true }),
  ];
  try {
    const mainUrl = await offerit.start('127.0.0.1', 0);
    const lines = [
      'connections:',
      `  main: { platform: offerit, base_url: ${mainUrl}, username_env: MAIN_USER, key_env: MAIN_KEY, rate_limit: 100000/1s }`,
    ];
    for (const name of PARTNERS) {
      const url = await partners[name].start('127.0.0.1', 0);
      lines.push(
        `  ${name}: { platform: offerslook, base_url: ${url}, network: ${name}, key_env: ${name.toUpperCase().replace('-', '_')}_KEY, rate_limit: ${formatRateLimit(budgets[name])} }`,
      );
    }
    // The bulk offers' advertiser 1 is advertiser 12 on both partners.
    lines.push(
      'routes:',
      ...PARTNERS.map((name) => `  - { from: main, to: ${name}, advertiser_map: { '1': '12' } }`),
      '',
    );
    const file = join(dir, 'offer-sync.yaml');
    await writeFile(file, lines.join('\n'));
    const env = {
      REDIS_URL: options.redisUrl,
      OFFER_SYNC_PREFIX: options.prefix,
      OFFER_SYNC_CONFIG: file,
      MAIN_USER: SANDBOX_CREDENTIALS.offerit.username,
      MAIN_KEY: SANDBOX_CREDENTIALS.offerit.apiKey,
      PARTNER_A_KEY: 'partner-a-key',
      PARTNER_B_KEY: 'partner-b-key',
      LOG_LEVEL: 'warn',
    };
    const worker = spawnCli(['worker', '--concurrency', String(options.concurrency ?? 4)], env);
    stops.unshift(async () => {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    });
    await waitForOutput(worker, /offer-sync is running/, 60_000);

    // The producer side: the same app the service builds, without workers of its own.
    const app = await openApp(loadConfig(env), createLogger({ level: 'warn' }));
    stops.unshift(() => app.close());
    // Both backlogs are queued before the worker can drain much of either.
    for (const id of bulkIds(jobs)) {
      for (const target of PARTNERS) {
        await enqueueSync(app.queues.sync, {
          source: 'main',
          target,
          kind: 'offer',
          id,
          reason: 'cli',
        });
      }
    }
    await waitFor(
      async () => {
        const counts = await Promise.all(
          PARTNERS.map((name) => app.queues.sync[name]!.getJobCounts('completed', 'failed')),
        );
        if (counts.some((count) => (count.failed ?? 0) > 0)) {
          const [failed] = await app.queues.sync[PARTNERS[0]]!.getFailed(0, 0);
          throw new Error(
            `sync jobs failed: ${JSON.stringify(counts)}; first: ${failed?.failedReason ?? '?'}`,
          );
        }
        return counts.every((count) => count.completed === jobs) || undefined;
      },
      'both backlogs to be synced',
      30 * 60_000,
      250,
    );
    const figures = PARTNERS.map((name): ConnectionFigure => {
      const log = partners[name].runtime.log;
      const times = log.entries((entry) => entry.limited).map((entry) => entry.time);
      return {
        ...analyseLog(times, budgets[name].max, budgets[name].durationMs),
        connection: name,
        budget: budgets[name],
        refused: log.entries((entry) => entry.status === 429).length,
        firstMs: Math.min(...times),
        lastMs: Math.max(...times),
      };
    });
    const [a, b] = figures as [ConnectionFigure, ConnectionFigure];
    const both = Math.min(a.lastMs, b.lastMs) - Math.max(a.firstMs, b.firstMs);
    const either = Math.max(a.lastMs, b.lastMs) - Math.min(a.firstMs, b.firstMs);
    return { figures, overlap: either > 0 ? Math.max(0, both) / either : 0 };
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

export function formatConnections(result: ConnectionsResult): string[] {
  return [
    ...result.figures.map(
      (figure) =>
        `connection ${figure.connection}, budget ${formatRateLimit(figure.budget)}, both at once: ` +
        `${figure.achievedPerSec.toFixed(2)} req/s of ${figure.budgetPerSec.toFixed(2)} -> ratio ${figure.ratio.toFixed(3)} ` +
        `(target >= ${CONNECTIONS_TARGET}), requests=${figure.requests} maxInWindow=${figure.maxInWindow} ` +
        `overLimitWindows=${figure.overLimitWindows} refused429=${figure.refused} [${meetsFigure(figure) ? 'ok' : 'MISSED'}]`,
    ),
    `connections overlap: ${(result.overlap * 100).toFixed(1)} % of the time either received requests, both did`,
  ];
}

function meetsFigure(figure: ConnectionFigure): boolean {
  return (
    figure.ratio >= CONNECTIONS_TARGET && figure.overLimitWindows === 0 && figure.refused === 0
  );
}

export function meetsConnectionsTarget(result: ConnectionsResult): boolean {
  return result.figures.every(meetsFigure) && result.overlap >= 0.9;
}
