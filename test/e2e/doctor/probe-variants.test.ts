// `offer-sync doctor --probe` as a child process against `offer-sync sandbox` in another: per
// endpoint it names the variant the sandbox answers with, in each preset (v1, v2) and for the
// single switches that matter; it sends GET requests only, about 15 of them, each through the
// shared Redis limiter; `--json` says the same as one object.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { limiterKeys } from '../../../src/queue/index.js';
import { keyLayout } from '../../../src/redis/key-layout.js';
import {
  answerAs,
  lineOf,
  runProbe,
  startProbeSandboxes,
  type ProbeRun,
  type ProbeSandboxes,
} from './probe-harness.js';

const DETAILS = 'GET /offer/get_details?return_columns';
const ALL_COLUMNS = 'GET /offer/get_details';
const CHANGES = 'GET /offer/get_commission_changes';
const AFFILIATES = 'GET /affiliate/search';
const OFFERS = 'GET /v1/offers';
const BATCHES = 'GET /v1/batches/offers';
const ALL = 'GET /v1/offers/{id}/all';
const EVENTS = 'GET /v1/offers/{id}/offer_events';
const PAYOUTS = 'GET /v1/affiliate_payouts';
const OL_AFFILIATES = 'GET /v1/affiliates';

function expectGetOnlyAndFew(run: ProbeRun): void {
  const all = [...run.sent.offerit, ...run.sent.offerslook];
  expect(all.filter((request) => request.method !== 'GET')).toEqual([]);
  expect(run.sent.offerit.length).toBeGreaterThan(0);
  expect(run.sent.offerit.length).toBeLessThanOrEqual(10);
  expect(run.sent.offerslook.length).toBeLessThanOrEqual(6);
  expect(all.length).toBeLessThanOrEqual(16);
}

describe('offer-sync doctor --probe against the sandboxes', () => {
  let sandboxes: ProbeSandboxes;
  beforeAll(async () => {
    sandboxes = await startProbeSandboxes();
  });
  afterAll(() => sandboxes.stop());

  it('names every v2 variant, GET only, each request through the shared Redis limiter', async () => {
    await answerAs(sandboxes, 'v2');
    const prefix = `probe-test-${process.pid}-${Date.now()}`;
    const run = await runProbe(sandboxes, [], { OFFER_SYNC_PREFIX: prefix });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const line = (platform: string, endpoint: string) => lineOf(run.stdout, platform, endpoint);
    expect(line('offerit', DETAILS)).toMatch(
      /^ok +offerit \S+ \S+: message by-id, return_columns honoured, payouts from change 0/,
    );
    expect(line('offerit', ALL_COLUMNS)).toContain(': message by-id, columns documented');
    expect(line('offerit', ALL_COLUMNS)).toContain('unexpected fields: advertiser_username');
    expect(line('offerit', CHANGES)).toContain(': message changes,');
    expect(line('offerit', CHANGES)).toContain('default row with payouts');
    expect(line('offerit', AFFILIATES)).toContain(': reply bare, records by-loginid');
    expect(line('offerslook', OFFERS)).toContain(
      ': rows flat, status capitalised, timestamps date-time/null, geo target[]',
    );
    expect(line('offerslook', OFFERS)).toContain(
      'mapped fields empty or missing: end_date, start_date',
    );
    expect(line('offerslook', BATCHES)).toContain(
      ': endpoint available, rows nested, contains honoured, status capitalised',
    );
    expect(line('offerslook', ALL)).toContain(': endpoint available, events nested');
    expect(line('offerslook', EVENTS)).toContain(': rows flat');
    expect(line('offerslook', PAYOUTS)).toContain(': rows flat, tiers nested');
    expect(line('offerslook', OL_AFFILIATES)).toContain(': rows flat');
    expect(run.stdout).toMatch(/^limiter: the shared Redis limiter at /m);
    expect(run.stdout).toMatch(
      new RegExp(
        `^probe passed: 10 endpoints read; ${run.sent.offerit.length + run.sent.offerslook.length} GET requests \\(offerit ${run.sent.offerit.length}, offerslook ${run.sent.offerslook.length}\\)$`,
        'm',
      ),
    );
    expectGetOnlyAndFew(run);

    // Every request took a token of the network's budget in Redis.
    const redis = new Redis(inject('redisUrl'));
    try {
      for (const platform of ['offerit', 'offerslook'] as const) {
        // Each connection's limiter lives under its hash tag (named after the platform here).
        const { log } = limiterKeys(keyLayout(prefix).connection(platform), platform);
        expect(await redis.zcard(log)).toBe(run.sent[platform].length);
      }
      const keys = [...(await redis.keys(`{${prefix}}*`)), ...(await redis.keys(`{${prefix}:*`))];
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  });

  it('names every v1 variant', async () => {
    await answerAs(sandboxes, 'v1');
    const run = await runProbe(sandboxes);
    expect(run.code).toBe(0);
    const line = (platform: string, endpoint: string) => lineOf(run.stdout, platform, endpoint);
    expect(line('offerit', DETAILS)).toContain(
      ': message by-id, return_columns ignored, payouts in get_details',
    );
    expect(line('offerit', ALL_COLUMNS)).toContain(': message by-id, columns add_offer names');
    expect(line('offerit', CHANGES)).toContain('default row without payouts');
    expect(line('offerit', AFFILIATES)).toContain(': reply envelope, records by-loginid');
    expect(line('offerslook', OFFERS)).toContain(
      ': rows flat, status lower, timestamps unix, geo countries',
    );
    expect(line('offerslook', BATCHES)).toContain(
      'contains honoured, status lower, timestamps unix',
    );
    expect(line('offerslook', ALL)).toContain(': endpoint available');
    expectGetOnlyAndFew(run);
  });

  // Switches of different endpoints are independent: a few runs cover them all.
  it.each([
    {
      name: 'v2 with get_details list, affiliate/search envelope, contains ignored, /all missing, unix times, geo countries',
      answers: 'v2',
      variants: {
        offerit: { detailsVariant: 'list', affiliateSearch: 'envelope' },
        offerslook: {
          batchContains: 'ignored',
          offerAll: 'missing',
          timestamps: 'unix',
          geoAnswer: 'countries',
        },
      },
      says: [
        ['offerit', DETAILS, ': message list,'],
        ['offerit', ALL_COLUMNS, ': message list,'],
        ['offerit', AFFILIATES, ': reply envelope'],
        ['offerslook', BATCHES, 'contains ignored'],
        ['offerslook', ALL, ': endpoint missing'],
        ['offerslook', OFFERS, 'status capitalised, timestamps unix, geo countries'],
      ],
    },
    {
      name: 'v1 with get_details offers-list, affiliate/search bare, date-time times, geo target list',
      answers: 'v1',
      variants: {
        offerit: { detailsVariant: 'offers-list', affiliateSearch: 'bare' },
        offerslook: { timestamps: 'date-time', geoAnswer: 'targets' },
      },
      says: [
        ['offerit', DETAILS, ': message offers-list,'],
        ['offerit', AFFILIATES, ': reply bare'],
        ['offerslook', ALL, 'timestamps date-time/null'],
        ['offerslook', BATCHES, 'geo target[]'],
      ],
    },
    {
      name: 'v2 with get_details offers-by-id and return_columns ignored',
      answers: 'v2',
      variants: { offerit: { detailsVariant: 'offers-by-id', returnColumns: 'ignored' } },
      says: [['offerit', DETAILS, ': message offers-by-id, return_columns ignored']],
    },
  ] as const)('$name', async ({ answers, variants, says }) => {
    await answerAs(sandboxes, answers, variants);
    const run = await runProbe(sandboxes);
    expect(run.code).toBe(0);
    for (const [platform, endpoint, text] of says) {
      expect(lineOf(run.stdout, platform, endpoint)).toMatch(/^ok /);
      expect(lineOf(run.stdout, platform, endpoint)).toContain(text);
    }
    expectGetOnlyAndFew(run);
  });

  it('--json says the same as one object of a stable shape', async () => {
    await answerAs(sandboxes, 'v2', { offerslook: { offerAll: 'missing' } });
    const run = await runProbe(sandboxes, ['--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      limiter: { kind: string; detail: string };
      mappings: { loaded: boolean };
      platforms: Record<
        string,
        { configured: boolean; ok: boolean; requests: number; endpoints: Record<string, unknown>[] }
      >;
      summary: { endpoints: number; failed: number; skipped: number; requests: number };
    };
    expect(report).toMatchObject({
      ok: true,
      limiter: { kind: 'redis' },
      mappings: { loaded: true },
      summary: { endpoints: 10, failed: 0, skipped: 0 },
    });
    const { offerit, offerslook } = report.platforms;
    expect(offerit!.endpoints.map((e) => e.endpoint)).toEqual([
      DETAILS,
      ALL_COLUMNS,
      CHANGES,
      AFFILIATES,
    ]);
    expect(offerslook!.endpoints.map((e) => e.endpoint)).toEqual([
      OFFERS,
      BATCHES,
      ALL,
      EVENTS,
      PAYOUTS,
      OL_AFFILIATES,
    ]);
    for (const endpoint of [...offerit!.endpoints, ...offerslook!.endpoints]) {
      expect(Object.keys(endpoint).sort()).toEqual([
        'emptyMapped',
        'endpoint',
        'ok',
        'unexpected',
        'variant',
      ]);
    }
    expect(offerit!.endpoints[0]).toMatchObject({
      ok: true,
      variant: { message: 'by-id', return_columns: 'honoured', payouts: 'from change 0' },
      unexpected: [],
    });
    expect(offerslook!.endpoints[2]).toMatchObject({ variant: { endpoint: 'missing' } });
    expect(offerslook!.endpoints[0]).toMatchObject({
      variant: {
        rows: 'flat',
        status: 'capitalised',
        timestamps: 'date-time/null',
        geo: 'target[]',
      },
      emptyMapped: ['end_date', 'start_date'],
    });
    expect(offerit!.requests).toBe(run.sent.offerit.length);
    expect(offerslook!.requests).toBe(run.sent.offerslook.length);
    expect(report.summary.requests).toBe(run.sent.offerit.length + run.sent.offerslook.length);
    expectGetOnlyAndFew(run);
  });

  // Last: the seeded change stays in the sandbox.
  it('reads a country-, sub-affiliate- and goal-restricted change in each preset', async () => {
    await sandboxes.offerit.seed({
      commissionChanges: [
        {
          offerid: '400',
          goalid: '48',
          affiliates: { 3: 'mediabuyer_anna' },
          countries: ['AF', 'GB'],
          subaff: 'camp-a',
          aff_manager_payout: '1',
          aff_referral_payout: '0',
          flat_amount_per_conversion: '2.00',
        },
      ],
    });
    await answerAs(sandboxes, 'v2');
    const v2 = await runProbe(sandboxes);
    expect(lineOf(v2.stdout, 'offerit', CHANGES)).toContain(
      ': message changes, country keys padded, sub-affiliates map, goal flags booleans, default row with payouts',
    );
    await answerAs(sandboxes, 'v1');
    const v1 = await runProbe(sandboxes);
    expect(lineOf(v1.stdout, 'offerit', CHANGES)).toContain(
      ': message changes, country keys numeric, sub-affiliates labels, goal flags none, default row without payouts',
    );
    expect(v1.code).toBe(0);
    expect(v2.code).toBe(0);
  });
});
