// reverse(forward(x)) = x: for a route whose reverse is derived entirely from invertible rules,
// and for the shipped routes on the records their written-out reverses cover exactly.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileMappings,
  loadMappings,
  type ApplyContext,
  type CompiledRoute,
  type MappingSet,
} from '../../../src/mapping/index.js';
import { formatDate } from '../../../src/mapping/values/dates.js';

const NOW = new Date('2024-01-01T00:00:00Z');
// A bijective link table: forward prefixes, backward strips.
const forward: ApplyContext = { now: NOW, resolve: (kind, id) => `${kind}-${id}` };
const backward: ApplyContext = {
  now: NOW,
  resolve: (kind, id) => (id.startsWith(`${kind}-`) ? id.slice(kind.length + 1) : undefined),
};

const id = fc.integer({ min: 1, max: 99_999 }).map(String);
const text = fc.string({ maxLength: 30 });
const decimal = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
    )
    .map(([whole, fraction]) => (fraction === undefined ? String(whole) : `${whole}.${fraction}`)),
);
const datetime = fc.oneof(
  fc.constant(''),
  fc
    .integer({ min: 1, max: 4_102_444_800 })
    .map((seconds) => formatDate(seconds, 'datetime') as string),
);
const day = fc
  .integer({ min: 1, max: 50_000 })
  .map((days) => formatDate(days * 86_400, 'day') as string);
const country = fc.stringMatching(/^[A-Z]{2}$/);
const urlPart = fc.oneof(
  fc.stringMatching(/^[a-z0-9/?=&.:-]{0,12}$/),
  fc.constantFrom('%%click_hash%%', '%%aff_id%%'),
);
const url = fc
  .array(urlPart, { maxLength: 6 })
  .map((parts) => `http://example.com/${parts.join('')}`);
const flag = fc.constantFrom('0', '1');

function roundTrip(route: CompiledRoute, record: Record<string, unknown>) {
  const there = route.apply(record, forward);
  const back = route.reverse!.apply(there.value, backward);
  return { there, back };
}

describe('a route whose reverse is derived from invertible rules', () => {
  const route = [
    ...compileMappings(
      [
        {
          file: 'invertible-offer.yaml',
          text: readFileSync('test/fixtures/mappings/valid/invertible-offer.yaml', 'utf8'),
        },
      ],
      { coverage: 'warn' },
    ).routes.values(),
  ][0]!;

  it('is reversible, and its reverse is the derived one', () => {
    expect(route.reverse?.derived).toBe(true);
    expect(route.reverse?.name).toBe('offerslook.offer->offerit.offer');
  });

  it('gives back every field it maps', () => {
    const record = fc.record({
      offerid: id,
      name: text,
      offer_description: text,
      preview_url: text,
      url,
      date_live: datetime,
      date_expire: datetime,
      active: flag,
      hidden: flag,
      conversion_type: fc.constantFrom('image', 'post', 'iframe'),
      commission_type: fc.constantFrom('cpa', 'cps', 'click', 'hybrid'),
      flat_amount_per_conversion: decimal,
      percentage_of_customer_conversion: decimal,
      advertiser_cost_flat: decimal,
      advertiserid: id,
      authorized: fc.array(country, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(record, (input) => {
        const { there, back } = roundTrip(route, input);
        expect(there.issues).toEqual([]);
        expect(back.issues).toEqual([]);
        const { offerid: _key, ...mapped } = input;
        expect(back.value).toEqual(mapped);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the shipped routes, on the records their written-out reverses cover', () => {
  let mappings: MappingSet;
  beforeAll(async () => {
    mappings = await loadMappings('mappings');
  });

  it('offer: every mapped field comes back', () => {
    const pricing = fc.oneof(
      fc.record({
        commission_type: fc.constantFrom('cpa', 'cps', 'hybrid'),
        flat_amount_per_conversion: decimal,
      }),
      fc.record({ commission_type: fc.constant('click'), flat_amount_per_click: decimal }),
    );
    const countries = fc.oneof(
      fc.record({ authorized: fc.array(country, { minLength: 1, maxLength: 4 }) }),
      fc.record({ unauthorized: fc.array(country, { minLength: 1, maxLength: 4 }) }),
    );
    const record = fc
      .tuple(
        fc.record({
          offerid: id,
          name: text,
          offer_description: text,
          preview_url: text,
          url,
          date_live: datetime,
          date_expire: datetime,
          active: flag,
          hidden: flag,
          advertiserid: id,
          advertiser_cost_type: fc.constantFrom('conversion', 'sale', 'click'),
          advertiser_cost_flat: decimal,
          advertiser_cost_perc: decimal,
          percentage_of_customer_conversion: decimal,
          conversion_type: fc.constantFrom('image', 'post', 'iframe'),
          pending_approval_lockout: fc.constantFrom('0', '86400'),
        }),
        pricing,
        countries,
      )
      .map(([base, price, geo]) => ({ ...base, ...price, ...geo }));
    fc.assert(
      fc.property(record, (input) => {
        const { there, back } = roundTrip(
          mappings.routes.get('offerit.offer->offerslook.offer')!,
          input,
        );
        expect([...there.issues, ...back.issues]).toEqual([]);
        const { offerid: _key, ...mapped } = input;
        expect(back.value).toEqual(mapped);
      }),
      { numRuns: 300 },
    );
  });

  it('goal: every mapped field comes back', () => {
    const record = fc.record({
      offerid: id,
      offer_goal_id: id,
      name: text,
      commission_type: fc.constantFrom('flat', 'percentage'),
      amount: decimal,
      revenue_type: fc.constantFrom('conversion', 'sale'),
      revenue_amount: decimal,
    });
    fc.assert(
      fc.property(record, (input) => {
        const { there, back } = roundTrip(
          mappings.routes.get('offerit.goal->offerslook.offer_event')!,
          input,
        );
        expect([...there.issues, ...back.issues]).toEqual([]);
        const { offer_goal_id: _key, ...mapped } = input;
        expect(back.value).toEqual(mapped);
      }),
      { numRuns: 300 },
    );
  });

  it('commission change: a standard or temporary change for one affiliate comes back', () => {
    const positive = decimal.filter((value) => value !== '' && Number(value) > 0);
    const common = fc.record({
      offerid: id,
      changeid: id,
      goalid: fc.oneof(fc.constant('0'), id),
      loginid: id,
      flat_amount_per_conversion: positive,
      percentage_of_customer_conversion: decimal,
    });
    const timing = fc.oneof(
      fc.constant({ type: 'standard' }),
      fc.tuple(day, day).map(([start, end]) => ({
        type: 'temporary',
        start_time: `${start} 00:00:00`,
        end_time: `${end} 23:59:59`,
      })),
    );
    fc.assert(
      fc.property(common, timing, (base, time) => {
        const input = {
          ...base,
          ...time,
          countries: [],
          affiliates: { [base.loginid]: 'someone' },
        };
        const { there, back } = roundTrip(
          mappings.routes.get('offerit.commission_change->offerslook.affiliate_payout')!,
          input,
        );
        expect([...there.issues, ...back.issues]).toEqual([]);
        const { changeid: _key, affiliates: _names, countries: _all, ...mapped } = input;
        expect(back.value).toEqual(mapped);
      }),
      { numRuns: 300 },
    );
  });
});

describe('apply is total', () => {
  it('never throws and only writes fields of the target schema, whatever the record holds', async () => {
    const mappings = await loadMappings('mappings');
    const routes = [...mappings.routes.values()];
    const fieldNames = [
      ...new Set(
        routes.flatMap((route) => [
          ...route.coverage.mapped,
          ...route.coverage.lossy.map((entry) => entry.field),
        ]),
      ),
    ];
    const record = fc.dictionary(
      fc.constantFrom(...fieldNames.map((name) => name.split('.')[0]!)),
      fc.anything(),
      { maxKeys: 12 },
    );
    fc.assert(
      fc.property(record, fc.constantFrom(...routes), (input, route) => {
        const result = route.apply(input, forward);
        const targets = new Set(route.coverage.targets.map((path) => path.split('.')[0]));
        for (const key of Object.keys(result.value)) expect(targets.has(key)).toBe(true);
        for (const issue of result.issues) expect(typeof issue.message).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
