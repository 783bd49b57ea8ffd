// The simulated platform's rules, on its in-memory store (no HTTP): base event, privacy, pricing
// type changes, payout rules, tier dates, list semantics, seeding and snapshots.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  OfferslookSandboxState,
  SandboxHttpError,
  createOfferslookSandbox,
} from '../../../src/sandbox/offerslook/index.js';
import { listRows } from '../../../src/sandbox/offerslook/list-rows.js';
import {
  createPayout,
  deletePayout,
  updatePayout,
} from '../../../src/sandbox/offerslook/operations/affiliate-payouts.js';
import {
  createEvent,
  updateEvent,
} from '../../../src/sandbox/offerslook/operations/offer-events.js';
import {
  createOffer,
  setOffersStatus,
  updateOffer,
} from '../../../src/sandbox/offerslook/operations/offers.js';
import { endOfDay, startOfDay, tierRange } from '../../../src/sandbox/offerslook/tier-dates.js';

const T0 = 1_700_000_000;

function setup() {
  let now = T0 * 1000;
  const state = new OfferslookSandboxState({ now: () => now });
  const tick = (seconds: number) => (now += seconds * 1000);
  const store = state.store;
  store.affiliates.set(7, {
    id: 7,
    first_name: 'A',
    last_name: 'B',
    email: 'a@example.com',
    company: '',
    status: 'active',
  });
  const cpa = createOffer(store, {
    offer: {
      name: 'CPA offer',
      advertiser_id: 1,
      offer_approval: 2,
      revenue_type: 'RPA',
      revenue: '5',
      payout_type: 'CPA',
      payout: '3',
    },
  });
  const cpc = createOffer(store, {
    offer: {
      name: 'CPC offer',
      advertiser_id: 1,
      offer_approval: 2,
      revenue_type: 'RPC',
      payout_type: 'CPC',
      payout: '0.2',
    },
  });
  return { state, store, tick, cpa, cpc };
}

function rejection(action: () => unknown): SandboxHttpError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxHttpError);
    return error as SandboxHttpError;
  }
  throw new Error('expected a rejection');
}

describe('offers and the base event', () => {
  it('creates event 1 with the offer pricing, defaults the status to pending and amounts to "-1"', () => {
    const { store, cpa } = setup();
    expect(cpa).toMatchObject({
      id: 1,
      status: 'pending',
      percent_payout: '-1',
      create_time: T0,
      update_time: T0,
    });
    expect(store.event(cpa.id, 1)).toMatchObject({
      revenue_type: 'RPA',
      revenue: '5',
      payout_type: 'CPA',
      payout: '3',
      status: 'active',
      conversion_protocol: 2,
      is_private: 0,
    });
  });

  it('keeps event 1 and the offer pricing in step both ways and bumps update_time', () => {
    const { store, cpa, tick } = setup();
    tick(60);
    updateOffer(store, cpa.id, { offer: { payout: '4.5' } });
    expect(store.event(cpa.id, 1)).toMatchObject({ payout: '4.5', update_time: T0 + 60 });
    expect(store.offer(cpa.id)).toMatchObject({
      payout: '4.5',
      update_time: T0 + 60,
      create_time: T0,
    });
    tick(60);
    updateEvent(store, cpa.id, 1, { revenue: '6' });
    expect(store.offer(cpa.id)).toMatchObject({ revenue: '6', update_time: T0 + 120 });
  });

  it('refuses to empty a field that has a value, but not one that has none', () => {
    const { store, cpa } = setup();
    expect(rejection(() => updateOffer(store, cpa.id, { offer: { name: '' } })).message).toBe(
      'offer.name: may not be set to empty once it has a value',
    );
    expect(rejection(() => updateOffer(store, cpa.id, { offer: { payout: '' } })).status).toBe(422);
    updateOffer(store, cpa.id, { offer: { description: '', percent_payout: '' } });
    expect(store.offer(cpa.id)).toMatchObject({ description: '', percent_payout: '-1' });
    expect(rejection(() => updateOffer(store, cpa.id, {})).message).toBe(
      'offer: no fields to update',
    );
  });

  it('gives other events ids from 2 up, unique across offers', () => {
    const { store, cpa, cpc } = setup();
    const a = createEvent(store, cpa.id, { name: 'Lead' });
    const b = createEvent(store, cpc.id, { name: 'Install' });
    const c = createEvent(store, cpa.id, { name: 'Sale' });
    expect([a.id, b.id, c.id]).toEqual([2, 3, 4]);
    expect(a).toMatchObject({
      revenue_type: 'RPA',
      payout_type: 'CPA',
      payout: '-1',
      status: 'active',
    });
  });
});

describe('event rules', () => {
  it('activates a paused event only with revenue and payout set ("reset revenue and payout if previous value is null")', () => {
    const { store, cpa } = setup();
    const event = createEvent(store, cpa.id, { name: 'Sale', revenue: '9', payout: '5' });
    // A pricing type change pauses the event and clears its amounts.
    updateEvent(store, cpa.id, event.id, { payout_type: 'CPS' });
    // ASSUMED answer: success, and the event stays paused.
    expect(updateEvent(store, cpa.id, event.id, { status: 'active' }).status).toBe('paused');
    expect(
      updateEvent(store, cpa.id, event.id, { status: 'active', percent_payout: '12' }).status,
    ).toBe('paused');
    expect(
      updateEvent(store, cpa.id, event.id, {
        status: 'active',
        revenue: '9',
        percent_payout: '12',
      }),
    ).toMatchObject({ status: 'active', revenue: '9', percent_payout: '12' });
    // An active event with its amounts set pauses and comes back freely.
    updateEvent(store, cpa.id, event.id, { status: 'paused' });
    expect(updateEvent(store, cpa.id, event.id, { status: 'active' }).status).toBe('active');
  });

  it('pauses the event and clears revenue and payout when the pricing type changes', () => {
    const { store, cpa } = setup();
    const event = createEvent(store, cpa.id, {
      name: 'Sale',
      revenue: '9',
      payout: '5',
      percent_payout: '2',
    });
    const changed = updateEvent(store, cpa.id, event.id, { payout_type: 'CPS' });
    expect(changed).toMatchObject({
      payout_type: 'CPS',
      status: 'paused',
      revenue: '-1',
      percent_revenue: '-1',
      payout: '-1',
      percent_payout: '-1',
    });
  });

  it('lets values sent with the new pricing type stand, and leaves an unchanged type alone', () => {
    const { store, cpa } = setup();
    const event = createEvent(store, cpa.id, { name: 'Sale', revenue: '9', payout: '5' });
    expect(updateEvent(store, cpa.id, event.id, { payout_type: 'CPA', payout: '6' })).toMatchObject(
      {
        status: 'active',
        revenue: '9',
        payout: '6',
      },
    );
    expect(
      updateEvent(store, cpa.id, event.id, { payout_type: 'CPS', percent_payout: '7' }),
    ).toMatchObject({
      status: 'paused',
      payout: '-1',
      percent_payout: '7',
    });
  });

  it('forbids payout and payout tiers on a private event', () => {
    const { store, cpa } = setup();
    expect(
      rejection(() => createEvent(store, cpa.id, { name: 'P', is_private: 1, payout: '1' }))
        .message,
    ).toMatch(/^payout: /);
    expect(
      rejection(() =>
        createEvent(store, cpa.id, {
          name: 'P',
          is_private: 1,
          offer_payout_tier: [{ tier_id: 1, tier_payout: '1' }],
        }),
      ).message,
    ).toMatch(/^offer_payout_tier: /);
    const open = createEvent(store, cpa.id, { name: 'Open', payout: '2' });
    expect(rejection(() => updateEvent(store, cpa.id, open.id, { is_private: 1 })).message).toMatch(
      /^is_private: /,
    );
    // Clearing the payout in the same request makes it acceptable.
    expect(updateEvent(store, cpa.id, open.id, { is_private: 1, payout: '-1' })).toMatchObject({
      is_private: 1,
      payout: '-1',
    });
    expect(
      rejection(() => updateEvent(store, cpa.id, open.id, { percent_payout: '3' })).message,
    ).toMatch(/^percent_payout: /);
    const privateRevenue = createEvent(store, cpa.id, {
      name: 'R',
      is_private: 1,
      revenue: '4',
      payout: '-1',
    });
    expect(privateRevenue.revenue).toBe('4');
  });

  it('lets the base event go private while keeping the offer pricing', () => {
    const { store, cpa } = setup();
    expect(updateEvent(store, cpa.id, 1, { is_private: 1 })).toMatchObject({
      is_private: 1,
      payout: '3',
    });
    expect(rejection(() => updateEvent(store, cpa.id, 1, { payout: '4' })).status).toBe(422);
  });

  it('answers 404 for an unknown offer or event', () => {
    const { store, cpa } = setup();
    expect(rejection(() => updateEvent(store, cpa.id, 99, { status: 'paused' })).status).toBe(404);
    expect(rejection(() => createEvent(store, 99, { name: 'x' })).status).toBe(404);
  });
});

describe('affiliate payout rules', () => {
  const tier = (items: { volume_caps: number; payout?: string }[]) => ({
    user_id: 1,
    time_interval_type: 0 as const,
    effective_time: '2016-09-03',
    expiration_time: '2016-10-03',
    tier_item: items,
  });

  it('defaults event_id to 1 and stores tier dates as start and end of day', () => {
    const { store, cpa } = setup();
    const payout = createPayout(store, {
      affiliate_payout: { offer_id: cpa.id, affiliate_id: 7, current_payout: '33' },
      affiliate_tier: tier([{ volume_caps: 100, payout: '34' }, { volume_caps: 150 }]),
    });
    expect(payout).toMatchObject({
      id: 1,
      event_id: 1,
      current_payout: '33',
      percent_payout: '-1',
      create_time: T0,
    });
    expect(payout.affiliate_tier).toMatchObject({
      effective_time: 1472860800,
      expiration_time: 1475539199,
    });
    expect(payout.affiliate_tier!.tier_item[1]).toEqual({
      volume_caps: 150,
      payout: '-1',
      percent_payout: '-1',
    });
  });

  it('refuses event_id and volume tiers on CPC offers, and takes a plain CPC payout without event_id', () => {
    const { store, cpc } = setup();
    expect(
      rejection(() =>
        createPayout(store, {
          affiliate_payout: { offer_id: cpc.id, affiliate_id: 7, event_id: 1 },
        }),
      ).message,
    ).toMatch(/^affiliate_payout\.event_id: /);
    expect(
      rejection(() =>
        createPayout(store, {
          affiliate_payout: { offer_id: cpc.id, affiliate_id: 7 },
          affiliate_tier: tier([{ volume_caps: 10 }]),
        }),
      ).message,
    ).toMatch(/^affiliate_tier\.tier_item: /);
    const plain = createPayout(store, {
      affiliate_payout: { offer_id: cpc.id, affiliate_id: 7, current_payout: '0.3' },
    });
    expect(plain.event_id).toBeUndefined();
  });

  it('allows volume tiers only with event_id=1, rising caps and on existing, non-private events', () => {
    const { store, cpa } = setup();
    const goal = createEvent(store, cpa.id, { name: 'Sale' });
    const hidden = createEvent(store, cpa.id, { name: 'Hidden', is_private: 1 });
    const cases: [unknown, RegExp][] = [
      [
        {
          affiliate_payout: { offer_id: cpa.id, affiliate_id: 7, event_id: goal.id },
          affiliate_tier: tier([{ volume_caps: 5 }]),
        },
        /^affiliate_tier\.tier_item: .*event_id=1/,
      ],
      [
        {
          affiliate_payout: { offer_id: cpa.id, affiliate_id: 7 },
          affiliate_tier: tier([{ volume_caps: 5 }, { volume_caps: 5 }]),
        },
        /^affiliate_tier\.tier_item\.1\.volume_caps/,
      ],
      [
        { affiliate_payout: { offer_id: cpa.id, affiliate_id: 7, event_id: 99 } },
        /^affiliate_payout\.event_id: offer 1 has no event 99/,
      ],
      [{ affiliate_payout: { offer_id: cpa.id, affiliate_id: 7, event_id: hidden.id } }, /private/],
      [{ affiliate_payout: { offer_id: 99, affiliate_id: 7 } }, /^affiliate_payout\.offer_id/],
      [
        { affiliate_payout: { offer_id: cpa.id, affiliate_id: 8 } },
        /^affiliate_payout\.affiliate_id/,
      ],
      [
        {
          affiliate_payout: { offer_id: cpa.id, affiliate_id: 7 },
          affiliate_tier: { ...tier([]), expiration_time: '2016-09-01' },
        },
        /expiration_time/,
      ],
    ];
    for (const [input, message] of cases) {
      expect(rejection(() => createPayout(store, input as never)).message).toMatch(message);
    }
    expect(
      createPayout(store, {
        affiliate_payout: { offer_id: cpa.id, affiliate_id: 7, event_id: goal.id },
      }).event_id,
    ).toBe(goal.id);
  });

  it('refuses a second payout for the same affiliate and offer event (a create retried after it landed)', () => {
    const { store, cpa } = setup();
    createPayout(store, {
      affiliate_payout: { offer_id: cpa.id, affiliate_id: 7, current_payout: '1' },
    });
    expect(
      rejection(() =>
        createPayout(store, {
          affiliate_payout: { offer_id: cpa.id, affiliate_id: 7, current_payout: '1' },
        }),
      ).message,
    ).toMatch(/already has payout 1/);
    expect(store.payouts.size).toBe(1);
  });

  it('patches the amounts and deletes', () => {
    const { store, cpa } = setup();
    const payout = createPayout(store, {
      affiliate_payout: { offer_id: cpa.id, affiliate_id: 7, current_payout: '1' },
    });
    expect(updatePayout(store, payout.id, { current_payout: '89' })).toMatchObject({
      current_payout: '89',
      percent_payout: '-1',
    });
    deletePayout(store, payout.id);
    expect(rejection(() => deletePayout(store, payout.id)).status).toBe(404);
  });
});

describe('tier dates', () => {
  it('matches seed 002 answer at UTC+8 and open-ends the last range', () => {
    expect(startOfDay('2016-09-03', 480)).toBe(1472832000);
    expect(endOfDay('2016-10-03', 480)).toBe(1475510399);
    expect(startOfDay('2016-09-03')).toBe(Date.UTC(2016, 8, 3) / 1000);
    expect([0, 1, 2].map((index) => tierRange([100, 150, 400], index))).toEqual([
      '1-100',
      '101-150',
      '151-∞',
    ]);
  });
});

describe('list semantics', () => {
  const rows = [
    { id: 1, name: 'Alpha', payout: '10' },
    { id: 2, name: 'beta', payout: '9.5' },
    { id: 3, name: 'Gamma', payout: '-1' },
  ];
  const known = ['id', 'name', 'payout'];

  it('filters, sorts exactly by amount, projects fields and pages from 1', () => {
    expect(
      listRows(rows, { filters: { name: { CONTAINS: 'A' } }, sort: '-payout' }, known).rowset.map(
        (r) => r.id,
      ),
    ).toEqual([1, 2, 3]);
    expect(listRows(rows, { filters: { payout: { GREATER_THAN: '9.5' } } }, known).rowset).toEqual([
      rows[0],
    ]);
    expect(
      listRows(rows, { filters: { id: { EQUAL_TO: '2' } }, fields: 'name' }, known).rowset,
    ).toEqual([{ name: 'beta' }]);
    expect(listRows(rows, { offset: '2', limit: '2' }, known)).toEqual({
      rowset: [rows[2]],
      totalPages: 2,
      totalRows: 3,
      offset: 2,
      limit: 2,
    });
    expect(listRows(rows, { offset: '3', limit: '2' }, known).rowset).toEqual([]);
  });

  it('reads filters[field]=v as EQUAL_TO, presents the page after filtering, and caps the limit', () => {
    expect(listRows(rows, { filters: { name: 'beta' } }, known).rowset).toEqual([rows[1]]);
    const presented = listRows(rows, { sort: '-id', limit: '2' }, known, {
      maxLimit: 2,
      present: (row) => ({ ...row, name: String(row.name).toUpperCase() }),
    });
    expect(presented.rowset).toEqual([
      { id: 3, name: 'GAMMA', payout: '-1' },
      { id: 2, name: 'BETA', payout: '9.5' },
    ]);
    const tooMany = rejection(() => listRows(rows, { limit: '3' }, known, { maxLimit: 2 }));
    expect(tooMany).toMatchObject({ status: 422, message: 'limit: limit is at most 2 here' });
  });

  it('refuses a sort whose + arrived as a space, naming sort', () => {
    expect(rejection(() => listRows(rows, { sort: ' id' }, known)).message).toMatch(/^sort: /);
  });

  it('refuses unknown fields in filters, sort and fields', () => {
    for (const query of [
      { filters: { email: { EQUAL_TO: 'x' } } },
      { sort: '+email' },
      { fields: 'id,email' },
    ]) {
      expect(rejection(() => listRows(rows, query, known)).status).toBe(422);
    }
  });
});

describe('geo and batch status', () => {
  it('stores geo from either request form, and keeps target lists that do not fold', () => {
    const { store } = setup();
    const base = {
      name: 'G',
      advertiser_id: 1,
      offer_approval: 2 as const,
      revenue_type: 'RPA' as const,
      payout_type: 'CPA' as const,
    };
    const v1 = createOffer(store, { offer: base, offer_geo: { type: 2, countries: ['CN'] } });
    expect(store.geos.get(v1.id)).toEqual({ type: 2, countries: ['CN'] });
    const list = createOffer(store, {
      offer: base,
      offer_geo: {
        target: [
          { type: 1, country: 'Germany' },
          { type: 1, country: 'FR' },
        ],
      },
    });
    expect(store.geos.get(list.id)).toEqual({ type: 1, countries: ['DE', 'FR'] });
    const mixed = createOffer(store, {
      offer: base,
      offer_geo: {
        target: [
          { type: 1, country: 'US', region: 'California' },
          { type: 2, country: 'CA' },
        ],
      },
    });
    expect(store.geos.get(mixed.id)).toEqual({
      type: 1,
      countries: [],
      targets: [
        { type: 1, country_code: 'US', region: 'California' },
        { type: 2, country_code: 'CA' },
      ],
    });
    const unknown = rejection(() =>
      createOffer(store, {
        offer: base,
        offer_geo: { target: [{ type: 1, country: 'Atlantis' }] },
      }),
    );
    expect(unknown).toMatchObject({
      status: 422,
      message: 'offer_geo.target.0.country: unknown country Atlantis',
    });
  });

  it('sets the status of many offers at once, skipping ids that name none', () => {
    const { store, cpa, cpc, tick } = setup();
    tick(5);
    setOffersStatus(store, [cpa.id, 999, cpc.id], 'paused');
    expect(store.offer(cpa.id)).toMatchObject({ status: 'paused', update_time: T0 + 5 });
    expect(store.offer(cpc.id).status).toBe('paused');
    expect(store.offers.has(999)).toBe(false);
  });
});

describe('seeding and snapshots', () => {
  it('loads the sample fixtures and rebuilds the same state from a snapshot', () => {
    const sample = JSON.parse(
      readFileSync(new URL('../../fixtures/offerslook/sample.json', import.meta.url), 'utf8'),
    );
    const first = new OfferslookSandboxState({ now: () => T0 * 1000 });
    first.seed(sample);
    const snapshot = first.snapshot();
    expect(snapshot.affiliates.map((a) => a.email)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
      // Shared with the Offerit sample: the demo matches these affiliates by e-mail.
      'anna@adsworks.example',
      'tom@leadgen.example',
    ]);
    expect(snapshot.offers).toHaveLength(3);
    expect(first.store.event(501, 1)).toMatchObject({
      conversion_protocol: 1,
      approve_conversions: 1,
      payout: '4.20',
    });
    expect(first.store.payout(2).affiliate_tier).toMatchObject({
      effective_time: Date.UTC(2025, 0, 1) / 1000,
    });

    const second = new OfferslookSandboxState({ now: () => (T0 + 999) * 1000 });
    second.seed(JSON.parse(JSON.stringify(snapshot)));
    expect(second.snapshot()).toEqual(snapshot);
    second.reset();
    expect(second.snapshot()).toEqual({
      affiliates: [],
      offers: [],
      events: [],
      affiliatePayouts: [],
    });
  });

  it('continues ids after seeded ones and refuses a fixture that breaks a rule, naming the field', () => {
    const state = new OfferslookSandboxState();
    state.seed({
      offers: [
        {
          id: 40,
          name: 'X',
          advertiser_id: 1,
          offer_approval: 2,
          revenue_type: 'RPA',
          payout_type: 'CPA',
        },
      ],
      events: [{ offer_id: 40, id: 9, name: 'Nine' }],
    });
    expect(
      createOffer(state.store, {
        offer: {
          name: 'Y',
          advertiser_id: 1,
          offer_approval: 2,
          revenue_type: 'RPA',
          payout_type: 'CPA',
        },
      }).id,
    ).toBe(41);
    expect(createEvent(state.store, 40, { name: 'Ten' }).id).toBe(10);
    expect(
      rejection(() =>
        state.seed({
          offers: [
            {
              name: 'Z',
              advertiser_id: 1,
              offer_approval: 2,
              revenue_type: 'RPA',
              payout_type: 'CPX',
            },
          ],
        }),
      ).message,
    ).toMatch(/^offers\.0\.payout_type: /);
  });

  it('a sandbox created with fixtures starts seeded, with the default budget and credentials', async () => {
    const sample = JSON.parse(
      readFileSync(new URL('../../fixtures/offerslook/sample.json', import.meta.url), 'utf8'),
    );
    const sandbox = createOfferslookSandbox({ fixtures: sample });
    try {
      expect(sandbox.state.snapshot().offers.map((offer) => offer.id)).toEqual([501, 502, 503]);
      expect(sandbox.runtime.rateLimit).toEqual({ max: 50, durationMs: 10_000 });
      const auth = `Basic ${Buffer.from('sandbox:sandbox-offerslook-key').toString('base64')}`;
      const answer = await sandbox.app.inject({
        method: 'GET',
        url: '/v1/affiliates?fields=email',
        headers: { authorization: auth },
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.json().data.rowset).toEqual([
        { email: 'alice@example.com' },
        { email: 'bob@example.com' },
        { email: 'carol@example.com' },
        { email: 'anna@adsworks.example' },
        { email: 'tom@leadgen.example' },
      ]);
    } finally {
      await sandbox.stop();
    }
  });
});
