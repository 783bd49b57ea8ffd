// One Offerit network and two partner networks on Offerslook, from one offer-sync.yaml: the
// partners' sandboxes hold the same offer ids, so nothing keyed by platform alone could keep them
// apart. Both partners are reconciled at once (each within its own budget, the Offerit one shared
// by both), every offer is mirrored once per partner, passes settle to writing nothing, and the same
// config file then runs `start`, whose webhooks sync along every route out of a connection.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectionClient } from '../../../src/app/connection-clients.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { signWebhook } from '../../../src/ingress/index.js';
import { keyLayout } from '../../../src/redis/key-layout.js';
import { SAMPLE_FIXTURES, SANDBOX_CREDENTIALS } from '../../../src/sandbox/demo/start-sandboxes.js';
import {
  createOfferitSandbox,
  offeritFixturesSchema,
  type OfferitSandbox,
} from '../../../src/sandbox/offerit/index.js';
import {
  createOfferslookSandbox,
  offerslookFixturesSchema,
  type OfferslookSandbox,
} from '../../../src/sandbox/offerslook/index.js';
import { RedisLinkStore } from '../../../src/store/index.js';
import type { EntityKey } from '../../../src/vocabulary/index.js';
import { runCli, spawnCli, waitForOutput, type CliRun } from '../../helpers/cli.js';
import { redisScope } from '../../helpers/redis.js';
import { waitFor } from '../../helpers/wait-for.js';

const PARTNERS = ['partner-a', 'partner-b'] as const;
type Partner = (typeof PARTNERS)[number];
/** Each partner sandbox refuses more than this (429), and offer-sync is told the same budget. */
const PARTNER_LIMIT = { max: 10, durationMs: 1000 };
/** Offerit documents no limit; the configured budget is shared by both partners' routes. */
const MAIN_BUDGET = { max: 20, durationMs: 1000 };
const MAIN_WEBHOOK_SECRET = 'main-webhook-secret';
const SHARED_WEBHOOK_SECRET = 'shared-webhook-secret';

const scope = redisScope('connections');
let dir: string;
let main: OfferitSandbox;
const partners = {} as Record<Partner, OfferslookSandbox>;
let env: Record<string, string>;
let config: Config;

interface RunReport {
  status: string;
  route: string;
  created: number;
  updated: number;
  failed: number;
  writes: number;
  items: { action: string; sourceId: string; reason?: string }[];
}

/**
 * The sample network's offer 502 is priced RPA+RPS, which has no Offerit twin: it, its goal and
 * its commission fail on every run towards Offerit, on purpose.
 */
const UNMAPPABLE_ON_OFFERIT = ['commission:502/2', 'goal:502/2', 'offer:502'];

async function reconcile(from: string, to: string): Promise<RunReport> {
  const run: CliRun = await runCli(
    ['reconcile', '--from', from, '--to', to, '--json'],
    env,
    180_000,
  );
  expect(run.stderr).not.toMatch(/config error/);
  const report = JSON.parse(run.stdout) as RunReport;
  const failures = report.items.filter((item) => item.action === 'fail');
  expect(report, `${from}->${to}: ${run.stderr}`).toMatchObject({
    status: 'done',
    route: `${from}->${to}`,
  });
  expect(failures.map((item) => item.sourceId).sort(), JSON.stringify(failures)).toEqual(
    to === 'main' ? UNMAPPABLE_ON_OFFERIT : [],
  );
  expect(run.code).toBe(failures.length > 0 ? 1 : 0);
  return report;
}

/** Requests the sandbox refused with 429, and the most it took in any window of the limit. */
function budgetUse(sandbox: OfferitSandbox | OfferslookSandbox, durationMs: number) {
  const entries = sandbox.runtime.log.entries();
  return {
    requests: entries.length,
    refused: entries.filter((entry) => entry.status === 429).length,
    mostInWindow: mostInAnyWindow(
      entries.map((entry) => entry.time),
      durationMs,
    ),
    first: Math.min(...entries.map((entry) => entry.time)),
    last: Math.max(...entries.map((entry) => entry.time)),
  };
}

/** The most arrivals in any window of `durationMs` (the sandbox counts only limited ones). */
function mostInAnyWindow(times: number[], durationMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= durationMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

function linksOf(partner: Partner): RedisLinkStore {
  return new RedisLinkStore(scope.connect(), {
    prefix: keyLayout(scope.prefix).pair('main', partner),
  });
}

async function twinOn(partner: Partner, key: EntityKey): Promise<string> {
  const link = await linksOf(partner).find('offerit', key);
  expect(link, `${partner} link of ${key.kind}:${key.id}`).toBeDefined();
  return link!.offerslook.key.id;
}

beforeAll(async () => {
  const read = async (url: URL): Promise<unknown> => JSON.parse(await readFile(url, 'utf8'));
  main = createOfferitSandbox({
    ...SANDBOX_CREDENTIALS.offerit,
    fixtures: offeritFixturesSchema.parse(await read(SAMPLE_FIXTURES.offerit)),
  });
  for (const partner of PARTNERS) {
    partners[partner] = createOfferslookSandbox({
      network: partner,
      apiKey: `${partner}-key`,
      rateLimit: PARTNER_LIMIT,
      fixtures: offerslookFixturesSchema.parse(await read(SAMPLE_FIXTURES.offerslook)),
    });
  }
  const urls = {
    main: await main.start('127.0.0.1', 0),
    'partner-a': await partners['partner-a'].start('127.0.0.1', 0),
    'partner-b': await partners['partner-b'].start('127.0.0.1', 0),
  };
  dir = await mkdtemp(join(tmpdir(), 'offer-sync-connections-'));
  const advertisers = `{ "1": 12, "2": 14, "3": 16, "4": 18, "5": 20 }`;
  const file = join(dir, 'offer-sync.yaml');
  await writeFile(
    file,
    [
      'connections:',
      '  main:',
      '    platform: offerit',
      `    base_url: ${urls.main}`,
      '    username_env: MAIN_USER',
      '    key_env: MAIN_KEY',
      `    rate_limit: ${MAIN_BUDGET.max}/${MAIN_BUDGET.durationMs}ms`,
      '    webhook_secret_env: MAIN_WEBHOOK_SECRET',
      ...PARTNERS.flatMap((partner) => [
        `  ${partner}:`,
        '    platform: offerslook',
        `    base_url: ${urls[partner]}`,
        `    network: ${partner}`,
        `    key_env: ${partner.toUpperCase().replace('-', '_')}_KEY`,
        `    rate_limit: ${PARTNER_LIMIT.max}/${PARTNER_LIMIT.durationMs}ms`,
      ]),
      'routes:',
      ...PARTNERS.flatMap((partner) => [
        `  - between: [main, ${partner}]`,
        `    advertiser_map: ${advertisers}`,
      ]),
      '',
    ].join('\n'),
  );
  env = {
    REDIS_URL: scope.url,
    OFFER_SYNC_PREFIX: scope.prefix,
    OFFER_SYNC_CONFIG: file,
    MAIN_USER: SANDBOX_CREDENTIALS.offerit.username,
    MAIN_KEY: SANDBOX_CREDENTIALS.offerit.apiKey,
    MAIN_WEBHOOK_SECRET,
    PARTNER_A_KEY: 'partner-a-key',
    PARTNER_B_KEY: 'partner-b-key',
    WEBHOOK_SECRET: SHARED_WEBHOOK_SECRET,
    LOG_LEVEL: 'warn',
  };
  config = loadConfig(env);
});

afterAll(async () => {
  await Promise.all([main?.stop(), ...PARTNERS.map((partner) => partners[partner]?.stop())]);
  await scope.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('three connections from one config file', () => {
  it('lists the connections and routes, never a secret', async () => {
    const run = await runCli(['connections', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      connections: { name: string; platform: string; queue: string; webhookPath: string }[];
      routes: { name: string }[];
    };
    expect(report.connections.map((c) => [c.name, c.platform, c.queue, c.webhookPath])).toEqual([
      ['main', 'offerit', 'sync-main', '/webhooks/main'],
      ['partner-a', 'offerslook', 'sync-partner-a', '/webhooks/partner-a'],
      ['partner-b', 'offerslook', 'sync-partner-b', '/webhooks/partner-b'],
    ]);
    expect(report.routes.map((route) => route.name)).toEqual([
      'main->partner-a',
      'partner-a->main',
      'main->partner-b',
      'partner-b->main',
    ]);
    for (const secret of ['partner-a-key', 'partner-b-key', MAIN_WEBHOOK_SECRET])
      expect(run.stdout).not.toContain(secret);
  });

  it('reconciles both partners at once, each within its budget, mirroring every offer once per partner', async () => {
    const offeritOffers = main.state.offers.size;
    const before = PARTNERS.map((partner) => partners[partner].state.store.offers.size);
    const out = await Promise.all(PARTNERS.map((partner) => reconcile('main', partner)));
    PARTNERS.forEach((partner, index) => {
      expect(partners[partner].state.store.offers.size).toBe(before[index]! + offeritOffers);
      expect(out[index]!.created).toBe(out[0]!.created);
    });
    // The same Offerit offer has a twin of its own on each partner, linked in that pair only.
    const twins = await Promise.all(
      PARTNERS.map((partner) => twinOn(partner, { kind: 'offer', id: '400' })),
    );
    expect(twins).toHaveLength(2);

    const back = PARTNERS.map(() => main.state.offers.size);
    const partnerOwn = before[0]!;
    const returned = await Promise.all(PARTNERS.map((partner) => reconcile(partner, 'main')));
    // Each partner's own offers (the same ids on both) became offers of their own on Offerit.
    expect(main.state.offers.size).toBe(back[0]! + 2 * (partnerOwn - 1));
    expect(returned[0]!.created).toBe(returned[1]!.created);

    const use = {
      main: budgetUse(main, MAIN_BUDGET.durationMs),
      'partner-a': budgetUse(partners['partner-a'], PARTNER_LIMIT.durationMs),
      'partner-b': budgetUse(partners['partner-b'], PARTNER_LIMIT.durationMs),
    };
    console.log(`[connections] budget use ${JSON.stringify(use)}`);
    for (const partner of PARTNERS) {
      expect(use[partner].refused, partner).toBe(0);
      expect(use[partner].mostInWindow, partner).toBeLessThanOrEqual(PARTNER_LIMIT.max);
    }
    expect(use.main.mostInWindow).toBeLessThanOrEqual(MAIN_BUDGET.max);
    // Both partners were worked on in the same stretch of time, not one after the other.
    expect(use['partner-a'].first).toBeLessThan(use['partner-b'].last);
    expect(use['partner-b'].first).toBeLessThan(use['partner-a'].last);
  }, 300_000);

  it('a second pass carries each partner’s imports on to the other partner; a third writes nothing', async () => {
    // A route carries every offer of its source: the two partner-b offers main imported go on to
    // partner-a along main->partner-a, and the other way round.
    const second = await Promise.all([
      reconcile('main', 'partner-a'),
      reconcile('partner-b', 'main'),
    ]);
    const secondMore = await Promise.all([
      reconcile('main', 'partner-b'),
      reconcile('partner-a', 'main'),
    ]);
    expect([...second, ...secondMore].map((report) => [report.route, report.created])).toEqual([
      ['main->partner-a', 2],
      ['partner-b->main', 0],
      ['main->partner-b', 2],
      ['partner-a->main', 0],
    ]);
    const third = await Promise.all([
      reconcile('main', 'partner-a'),
      reconcile('partner-b', 'main'),
      reconcile('main', 'partner-b'),
      reconcile('partner-a', 'main'),
    ]);
    for (const report of third) expect(report.writes, report.route).toBe(0);
  }, 300_000);

  it('the same config runs `start`: a webhook on a connection syncs along every route out of it', async () => {
    const child = spawnCli(['start'], { ...env, HTTP_PORT: '0' });
    try {
      const [, url] = await waitForOutput(child, /health\s+(http:\/\/\S+)\/healthz/);
      const offerit = createConnectionClient(config.connections.main!, {});
      await offerit.update({ kind: 'offer', id: '400' }, { name: 'Renamed on the main network' });

      const post = async (connection: string, secret: string, body: unknown) => {
        const raw = JSON.stringify(body);
        return fetch(`${url}/webhooks/${connection}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...signWebhook(secret, connection, Math.floor(Date.now() / 1000), raw),
          },
          body: raw,
        });
      };
      // main has a secret of its own: the shared one does not sign for it.
      const wrong = await post('main', SHARED_WEBHOOK_SECRET, { entity: 'offer', id: '400' });
      expect(wrong.status).toBe(401);
      const accepted = await post('main', MAIN_WEBHOOK_SECRET, {
        entity: 'offer',
        id: '400',
        event: 'updated',
      });
      expect(accepted.status).toBe(202);
      const { jobIds } = (await accepted.json()) as { jobIds: string[] };
      expect(jobIds).toHaveLength(2);
      for (const partner of PARTNERS) {
        const twin = Number(await twinOn(partner, { kind: 'offer', id: '400' }));
        await waitFor(
          () =>
            partners[partner].state.store.offers.get(twin)?.name ===
              'Renamed on the main network' || undefined,
          `${partner}'s twin renamed`,
        );
      }

      // A partner's webhook syncs into main only, from that partner's offer alone.
      const [partnerA] = [partners['partner-a']];
      const own = [...partnerA.state.store.offers.values()].find((offer) => offer.id === 501)!;
      partnerA.state.store.offers.set(501, { ...own, name: 'Partner A renamed its offer' });
      const fromPartner = await post('partner-a', SHARED_WEBHOOK_SECRET, {
        entity: 'offer',
        id: '501',
        event: 'updated',
      });
      expect(fromPartner.status).toBe(202);
      const link = await linksOf('partner-a').find('offerslook', { kind: 'offer', id: '501' });
      const other = await linksOf('partner-b').find('offerslook', { kind: 'offer', id: '501' });
      expect(link?.offerit.key.id).not.toBe(other?.offerit.key.id);
      await waitFor(
        () =>
          main.state.offers.get(link!.offerit.key.id)?.fields.name ===
            'Partner A renamed its offer' || undefined,
        "partner-a's offer renamed on main",
      );
      expect(main.state.offers.get(other!.offerit.key.id)?.fields.name).not.toBe(
        'Partner A renamed its offer',
      );
    } finally {
      child.kill('SIGTERM');
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
    }
  }, 120_000);
});
