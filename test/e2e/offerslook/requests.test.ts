// The fewest requests per operation (contract v2 endpoints, no read-backs), counted on the
// sandbox's log, and the older ways a server without them still gets, counted the same way.
// Every request goes through the request hooks (the shared limiter), parallel ones included.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EVENT_READS_AT_ONCE,
  createOfferslookClient,
  createOfferslookPlatform,
} from '../../../src/platforms/offerslook/index.js';
import type { RequestHooks } from '../../../src/platforms/platform-client.js';
import { OFFER, startSandbox, type Running } from './sandbox-client.js';

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const OFFERS = 250;

describe('Offerslook requests per operation', () => {
  let running: Running;
  let hooked = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const hooks: RequestHooks = {
    beforeRequest: async () => {
      hooked++;
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await Promise.resolve();
    },
    afterResponse: () => {
      inFlight--;
    },
  };
  const platformFor = () => createOfferslookPlatform(createOfferslookClient(running.config, hooks));
  const requests = () =>
    running.sandbox.runtime.log.entries().map((entry) => `${entry.method} ${entry.path}`);

  beforeAll(async () => {
    running = await startSandbox({ latencyMs: 2 }, { pageSize: 100 });
    running.sandbox.state.seed({
      affiliates: [{ id: 201 }],
      offers: Array.from({ length: OFFERS }, (_, index) => ({
        ...OFFER,
        id: index + 1,
        name: `Offer ${index + 1}`,
      })),
      events: [{ offer_id: 1, id: 2, name: 'Sale', payout: '1' }],
      affiliatePayouts: [{ id: 1, offer_id: 1, affiliate_id: 201, current_payout: '2' }],
    });
  });
  afterAll(() => running.sandbox.stop());
  beforeEach(() => {
    running.sandbox.variants.apply({ answers: 'v2' });
    running.sandbox.runtime.log.clear();
    hooked = 0;
    mostInFlight = 0;
  });

  it('get offer: 1 (GET /all), was 2 (offer, then its events)', async () => {
    expect(await platformFor().get({ kind: 'offer', id: '7' })).toMatchObject({ id: '7' });
    expect(requests()).toEqual(['GET /v1/offers/7/all']);
  });

  it('list offers: 1 per 100 offers with their events, was 101 (a page, then each offer events)', async () => {
    const offers = await collect(platformFor().list('offer'));
    expect(offers).toHaveLength(OFFERS);
    expect(offers.every((offer) => offer.base_event !== undefined)).toBe(true);
    expect(requests()).toEqual(Array(3).fill('GET /v1/batches/offers'));
    expect(running.sandbox.runtime.log.entries().map((entry) => entry.params.limit)).toEqual(
      Array(3).fill('100'),
    );
  });

  it('goals of every offer: the same 1 per 100 offers, was 1 + one events list per offer', async () => {
    const goals = await collect(platformFor().list('goal'));
    expect(goals.map((goal) => [goal.offer_id, goal.id])).toEqual([['1', '2']]);
    expect(requests()).toEqual(Array(3).fill('GET /v1/batches/offers'));
  });

  it('create offer: 1 (+1 PATCH of event 1 when its settings differ), was that + 2 reading it back', async () => {
    const platform = platformFor();
    expect((await platform.create('offer', { ...OFFER, name: 'New' })).record).toBeDefined();
    expect(requests()).toEqual(['POST /v1/offers']);
    running.sandbox.runtime.log.clear();
    const { key, record } = await platform.create('offer', {
      ...OFFER,
      name: 'New, private',
      base_event: { is_private: 1 },
    });
    expect(record).toMatchObject({ base_event: { is_private: 1 } });
    expect(requests()).toEqual(['POST /v1/offers', `PATCH /v1/offers/${key.id}/offer_events/1`]);
  });

  it('update offer: the PUT and/or the PATCH only, was that + 2 reading it back', async () => {
    const platform = platformFor();
    const key = { kind: 'offer' as const, id: '8' };
    const current = await platform.get(key);
    running.sandbox.runtime.log.clear();
    const written = await platform.update(
      key,
      { name: 'Renamed', base_event: { conversion_protocol: 1 } },
      current,
    );
    expect(written.record).toMatchObject({
      name: 'Renamed',
      base_event: { conversion_protocol: 1 },
    });
    expect(requests()).toEqual(['PUT /v1/offers/8', 'PATCH /v1/offers/8/offer_events/1']);
  });

  it('goal create and update: 1 each, was 2 each (the write, then the events list)', async () => {
    const platform = platformFor();
    const { key, record } = await platform.create(
      'goal',
      { name: 'Lead', payout: '1.5' },
      { offerId: '9' },
    );
    expect(record).toMatchObject({ name: 'Lead', payout: '1.5', offer_id: '9' });
    expect((await platform.update(key, { payout: '1.75' })).record).toMatchObject({
      payout: '1.75',
    });
    expect(requests()).toEqual([
      'POST /v1/offers/9/offer_events',
      `PATCH /v1/offers/9/offer_events/${key.id}`,
    ]);
  });

  it('payout create, update and delete: 1 each, was 2, 2 and 1', async () => {
    const platform = platformFor();
    const { key, record } = await platform.create('commission', {
      offer_id: '10',
      affiliate_id: '201',
      current_payout: '3.00',
    });
    expect(record).toMatchObject({ current_payout: '3.00' });
    const updated = await platform.update(key, { current_payout: '3.10' }, record);
    expect(updated.record).toMatchObject({ current_payout: '3.10' });
    await platform.retire(key);
    expect(requests()).toEqual([
      'POST /v1/affiliate_payouts',
      `PATCH /v1/affiliate_payouts/${key.id}`,
      `DELETE /v1/affiliate_payouts/${key.id}`,
    ]);
  });

  it('pause N offers: 1 request per 100, was N', async () => {
    const keys = Array.from({ length: OFFERS }, (_, index) => ({
      kind: 'offer' as const,
      id: String(index + 1),
    }));
    const outcomes = await platformFor().retireMany!('offer', keys);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    expect(requests()).toEqual([
      `PATCH /v1/batches/offers/${keys
        .slice(0, 100)
        .map((key) => key.id)
        .join(',')}`,
      `PATCH /v1/batches/offers/${keys
        .slice(100, 200)
        .map((key) => key.id)
        .join(',')}`,
      `PATCH /v1/batches/offers/${keys
        .slice(200)
        .map((key) => key.id)
        .join(',')}`,
    ]);
    expect(running.sandbox.runtime.log.entries()[0]!.params).toEqual({ status: 'paused' });
    const store = running.sandbox.state.store;
    expect(keys.filter((key) => store.offer(Number(key.id)).status !== 'paused')).toEqual([]);
    // Reactivate, for the tests after.
    running.sandbox.state.store.offers.forEach((offer, id) =>
      running.sandbox.state.store.offers.set(id, { ...offer, status: 'pending' }),
    );
  });

  describe('where the server lacks the v2 endpoints', () => {
    it('get offer without /all: offer + events (learned once: the next get skips /all)', async () => {
      running.sandbox.variants.apply({ variants: { offerAll: 'missing' } });
      const platform = platformFor();
      const first = await platform.get({ kind: 'offer', id: '1' });
      expect(requests()).toEqual([
        'GET /v1/offers/1/all',
        'GET /v1/offers/1',
        'GET /v1/offers/1/offer_events',
      ]);
      running.sandbox.runtime.log.clear();
      expect(await platform.get({ kind: 'offer', id: '2' })).toMatchObject({ id: '2' });
      expect(requests()).toEqual(['GET /v1/offers/2', 'GET /v1/offers/2/offer_events']);
      // The same view as /all gives.
      running.sandbox.variants.apply({ variants: { offerAll: 'available' } });
      expect(await platformFor().get({ kind: 'offer', id: '1' })).toStrictEqual(first);
      // An offer that does not exist: undefined, whichever way.
      expect(await platform.get({ kind: 'offer', id: '9999' })).toBeUndefined();
    });

    it('list offers where contains is ignored: /v1/offers pages + events, a few at a time, each through the hooks', async () => {
      const nested = await collect(platformFor().list('offer'));
      running.sandbox.variants.apply({ variants: { batchContains: 'ignored' } });
      running.sandbox.runtime.log.clear();
      hooked = 0;
      mostInFlight = 0;
      const platform = platformFor();
      const separate = await collect(platform.list('offer'));
      expect(separate).toStrictEqual(nested);
      const made = requests();
      expect(made[0]).toBe('GET /v1/batches/offers');
      // Offers created above are listed too.
      const count = running.sandbox.state.store.offers.size;
      expect(made.filter((request) => request === 'GET /v1/offers')).toHaveLength(3);
      expect(made.filter((request) => request.endsWith('/offer_events'))).toHaveLength(count);
      expect(made).toHaveLength(1 + 3 + count);
      expect(hooked).toBe(made.length);
      expect(mostInFlight).toBeGreaterThan(1);
      expect(mostInFlight).toBeLessThanOrEqual(EVENT_READS_AT_ONCE);
      // Learned: the next list goes straight to /v1/offers.
      running.sandbox.runtime.log.clear();
      await collect(platform.list('goal'));
      expect(requests()[0]).toBe('GET /v1/offers');
    });
  });
});
