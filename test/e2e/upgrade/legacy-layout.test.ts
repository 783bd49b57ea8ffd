// Upgrading over Redis written before named connections (test/fixtures/legacy): the keys offer-sync
// left at be24151 after mirroring the sample network both ways, plus a sync job still waiting and
// a dead letter in that version's shape, with both sandboxes as they were then. The first start
// moves them to the connections named `offerit` and `offerslook`; the links, the conflict, the
// write intent, the run reports, the waiting job and the letter read back with today's code, and
// a reconciliation both ways finds the network mirrored: it creates no twin a second time.
import { readFile } from 'node:fs/promises';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../src/app/app.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { createLogger } from '../../../src/log/logger.js';
import { createDeadLetters } from '../../../src/queue/index.js';
import { keyLayout } from '../../../src/redis/key-layout.js';
import {
  SAMPLE_ADVERTISER_MAP,
  SANDBOX_CREDENTIALS,
} from '../../../src/sandbox/demo/start-sandboxes.js';
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
import { RedisWriteIntentStore } from '../../../src/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { redisScope } from '../../helpers/redis.js';
import { sandboxAnswers } from '../../helpers/sandbox-answers.js';

interface StoredKey {
  type: string;
  ttlMs?: number;
  value: unknown;
}
interface LegacyFixture {
  prefix: string;
  keys: Record<string, StoredKey>;
  sandboxes: { offerit: unknown; offerslook: unknown };
}

const FIXTURE = new URL('../../fixtures/legacy/redis-be24151.json', import.meta.url);
const scope = redisScope('legacy');
const layout = keyLayout(scope.prefix);
const pair = layout.pair('offerit', 'offerslook');
let fixture: LegacyFixture;
let redis: Redis;
let offerit: OfferitSandbox;
let offerslook: OfferslookSandbox;
let env: Record<string, string>;
let config: Config;

/** Writes the fixture's keys under this test's prefix, as be24151 left them. */
async function loadLegacyKeys(): Promise<number> {
  const from = `{${fixture.prefix}}`;
  let loaded = 0;
  for (const [stored, { type, ttlMs, value }] of Object.entries(fixture.keys)) {
    const key = layout.global + stored.slice(from.length);
    // Event streams are the queues' notifications: nothing reads an old one back.
    if (type === 'stream') continue;
    if (type === 'string') await redis.set(key, value as string);
    else if (type === 'hash') await redis.hset(key, value as Record<string, string>);
    else if (type === 'set') await redis.sadd(key, ...(value as string[]));
    else if (type === 'list') await redis.rpush(key, ...(value as string[]));
    else if (type === 'zset') {
      const flat = value as string[];
      for (let index = 0; index < flat.length; index += 2)
        await redis.zadd(key, flat[index + 1]!, flat[index]!);
    } else throw new Error(`fixture key ${stored} has type ${type}`);
    if (ttlMs) await redis.pexpire(key, ttlMs);
    loaded += 1;
  }
  return loaded;
}

/** A sync job still waiting, and a dead letter, exactly as be24151 queued them. */
async function addLegacyJobs(): Promise<void> {
  const sync = new Queue('sync-offerslook', { connection: redis, prefix: layout.global });
  const dlq = new Queue('dlq-offerit', { connection: redis, prefix: layout.global });
  try {
    await sync.add(
      'offerit.offer',
      {
        source: 'offerit',
        kind: 'offer',
        id: '401',
        reason: 'webhook',
        event: 'updated',
        requestedAt: '2026-11-30T12:00:00.000Z',
      },
      { jobId: 'legacy-waiting', priority: 1 },
    );
    await dlq.add(
      'dead-letter',
      {
        queue: 'sync-offerit',
        jobId: '77',
        jobName: 'offerslook.offer',
        platform: 'offerit',
        payload: {
          source: 'offerslook',
          kind: 'offer',
          id: '501',
          reason: 'webhook',
          requestedAt: '2026-11-30T12:00:00.000Z',
        },
        action: 'permanent',
        code: 'VALIDATION',
        reason: 'offerit refused add_offer: name is required',
        attemptsMade: 1,
        rateLimitHits: 0,
        firstFailedAt: '2026-11-30T12:00:01.000Z',
        lastFailedAt: '2026-11-30T12:00:01.000Z',
      },
      { jobId: 'sync-offerit-77' },
    );
  } finally {
    await Promise.all([sync.close(), dlq.close()]);
  }
}

const offerCounts = () => ({
  offerit: offerit.state.offers.size,
  offerslook: offerslook.state.store.offers.size,
});

beforeAll(async () => {
  fixture = JSON.parse(await readFile(FIXTURE, 'utf8')) as LegacyFixture;
  redis = scope.connect();
  offerit = createOfferitSandbox({
    ...SANDBOX_CREDENTIALS.offerit,
    ...sandboxAnswers(),
    fixtures: offeritFixturesSchema.parse(fixture.sandboxes.offerit),
  });
  offerslook = createOfferslookSandbox({
    ...SANDBOX_CREDENTIALS.offerslook,
    ...sandboxAnswers(),
    rateLimit: null,
    fixtures: offerslookFixturesSchema.parse(withoutBasePricing(fixture.sandboxes.offerslook)),
  });
  env = {
    REDIS_URL: scope.url,
    OFFER_SYNC_PREFIX: scope.prefix,
    OFFERIT_BASE_URL: await offerit.start('127.0.0.1', 0),
    OFFERIT_API_USERNAME: SANDBOX_CREDENTIALS.offerit.username,
    OFFERIT_API_KEY: SANDBOX_CREDENTIALS.offerit.apiKey,
    OFFERSLOOK_BASE_URL: await offerslook.start('127.0.0.1', 0),
    OFFERSLOOK_NETWORK: SANDBOX_CREDENTIALS.offerslook.network,
    OFFERSLOOK_API_KEY: SANDBOX_CREDENTIALS.offerslook.apiKey,
    ADVERTISER_MAP: SAMPLE_ADVERTISER_MAP,
    LOG_LEVEL: 'warn',
  };
  config = loadConfig(env);
  expect(await loadLegacyKeys()).toBeGreaterThan(50);
  await addLegacyJobs();
});

afterAll(async () => {
  await Promise.all([offerit?.stop(), offerslook?.stop()]);
  await scope.cleanup();
});

describe('upgrading over the pre-connections Redis layout', () => {
  it('the first start moves the pair’s keys, the waiting job and the letter to the connections', async () => {
    const app = await openApp(config, createLogger({ level: 'silent' }));
    try {
      expect(await redis.get(`${layout.global}:layout`)).toBe('2');
      // Nothing of the pair is left under the old tag; the run reports stay (the deployment's).
      const leftover = await redis.keys(`${escape(layout.global)}:link*`);
      expect(leftover).toEqual([]);
      expect(await redis.keys(`${escape(layout.global)}:limiter:*`)).toEqual([]);

      const route = app.route('offerit', 'offerslook')!;
      const { links, conflicts } = route.pair;
      // Every link the fixture had, readable from both sides.
      const legacyLinks = Object.keys(fixture.keys).filter((key) => /:link:offerit:/.test(key));
      expect(legacyLinks.length).toBe(18);
      const offer400 = await links.find('offerit', { kind: 'offer', id: '400' });
      expect(offer400?.offerslook.key.kind).toBe('offer');
      expect(await links.find('offerslook', offer400!.offerslook.key)).toMatchObject({
        offerit: { key: { kind: 'offer', id: '400' } },
      });
      let listed = 0;
      for (const kind of ['offer', 'goal', 'commission', 'affiliate'] as const)
        for await (const link of links.list(kind)) listed += link ? 1 : 0;
      expect(listed).toBe(legacyLinks.length);

      // The conflict keeps its id (the pair named after the platforms is unscoped).
      const open = await conflicts.list();
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        offerit: { kind: 'offer', id: '400' },
        fields: { name: { offerit: 'Name on Offerit', offerslook: 'Name on Offerslook' } },
      });
      const legacyConflictId = Object.keys(
        fixture.keys[`{${fixture.prefix}}:conflicts:pair`]!.value as Record<string, string>,
      )[0];
      expect(open[0]!.id).toBe(legacyConflictId);

      // The write intent a crash left is still there to resume.
      const intents = new RedisWriteIntentStore(app.redis.commands, { prefix: pair });
      expect(
        await intents.get('offerit.offer->offerslook.offer', { kind: 'offer', id: '9999' }),
      ).toBeDefined();

      // Run reports stay the deployment's.
      expect((await app.runs.list(10)).length).toBe(2);

      // The waiting job is on the connection's queue, with its id and payload.
      const waiting = await app.queues.sync.offerslook!.getJob('legacy-waiting');
      expect(waiting?.data).toMatchObject({ source: 'offerit', kind: 'offer', id: '401' });
      expect(await waiting?.getState()).toMatch(/waiting|prioritized/);

      // The letter is on the connection's dead-letter queue, its connection read from its platform.
      const letters = await createDeadLetters(app.queues).list({ connection: 'offerit' });
      expect(letters).toEqual([
        expect.objectContaining({
          id: 'sync-offerit-77',
          connection: 'offerit',
          code: 'VALIDATION',
        }),
      ]);
    } finally {
      await app.close();
    }
  });

  it('the CLI reads the moved dead letter and conflict', async () => {
    const dlq = await runCli(['dlq', 'list', '--json'], env);
    expect(dlq.code, dlq.stderr).toBe(0);
    const letters = JSON.parse(dlq.stdout) as {
      id: string;
      connection: string;
      platform: string;
    }[];
    expect(letters).toEqual([
      expect.objectContaining({
        id: 'sync-offerit-77',
        connection: 'offerit',
        platform: 'offerit',
      }),
    ]);
    const conflicts = await runCli(['conflicts', 'list', '--json'], env);
    expect(conflicts.code, conflicts.stderr).toBe(0);
    expect(JSON.parse(conflicts.stdout)).toEqual([
      expect.objectContaining({
        offerit: { kind: 'offer', id: '400' },
        connections: { offerit: 'offerit', offerslook: 'offerslook' },
      }),
    ]);
  });

  it('reconciling both ways after the upgrade creates no twin a second time', async () => {
    const before = offerCounts();
    for (const [from, to] of [
      ['offerit', 'offerslook'],
      ['offerslook', 'offerit'],
    ] as const) {
      const run = await runCli(['reconcile', '--from', from, '--to', to, '--json'], env, 120_000);
      expect([0, 1], run.stderr).toContain(run.code);
      const report = JSON.parse(run.stdout) as { status: string; created: number };
      expect(report, `${from}->${to}`).toMatchObject({ status: 'done', created: 0 });
    }
    expect(offerCounts()).toEqual(before);
    const creates = [...offerit.runtime.log.writes(), ...offerslook.runtime.log.writes()].filter(
      (entry) => /add_offer|POST \/v1\/offers$/.test(`${entry.method} ${entry.path}`),
    );
    expect(creates).toEqual([]);
  });

  it('a second start leaves everything where the first put it', async () => {
    const keysBefore = (await redis.keys(`${escape(pair)}*`)).sort();
    const app = await openApp(config, createLogger({ level: 'silent' }));
    await app.close();
    expect((await redis.keys(`${escape(pair)}*`)).sort()).toEqual(keysBefore);
  });
});

/**
 * The Offerslook state as fixtures: a base event (id 1) carries the offer's own pricing, which
 * the offer already seeds, so its amounts are left out (a private base event could not be sent
 * them: is_private=1 forbids a payout in a request).
 */
function withoutBasePricing(state: unknown): unknown {
  const { events, ...rest } = state as { events: Record<string, unknown>[] };
  return {
    ...rest,
    events: events.map((event) => {
      if (event.id !== 1) return event;
      const { payout: _p, percent_payout: _pp, revenue: _r, percent_revenue: _pr, ...kept } = event;
      return kept;
    }),
  };
}

/** A key prefix as a KEYS/SCAN pattern (its braces and brackets literal). */
function escape(prefix: string): string {
  return prefix.replace(/[[\]*?\\]/g, '\\$&');
}
