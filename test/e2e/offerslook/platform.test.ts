// The Offerslook adapter behind the PlatformClient port, against a running sandbox: CRUD per kind,
// the base event folded into the offer view, and what reaches the wire.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EntityKey } from '../../../src/vocabulary/index.js';
import { PlatformError } from '../../../src/platforms/errors.js';
import { createOfferslookPlatform } from '../../../src/platforms/offerslook/index.js';
import { OFFER, startSandbox, type Running } from './sandbox-client.js';

const sample = JSON.parse(
  readFileSync(new URL('../../fixtures/offerslook/sample.json', import.meta.url), 'utf8'),
);

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('Offerslook platform adapter', () => {
  let running: Running;
  let platform: ReturnType<typeof createOfferslookPlatform>;
  const writes = () =>
    running.sandbox.runtime.log.writes().map((entry) => `${entry.method} ${entry.path}`);

  beforeAll(async () => {
    running = await startSandbox({}, { pageSize: 2 });
    platform = createOfferslookPlatform(running.client);
  });
  afterAll(() => running.sandbox.stop());
  beforeEach(() => {
    running.sandbox.state.reset();
    running.sandbox.state.seed(sample);
    running.sandbox.runtime.log.clear();
  });

  it('pings', async () => {
    await platform.ping();
    expect(platform.platform).toBe('offerslook');
  });

  describe('offers', () => {
    it('reads an offer with its geo and base event settings', async () => {
      const view = await platform.get({ kind: 'offer', id: '501' });
      expect(view).toMatchObject({
        id: '501',
        name: 'Summer Sale VPN - US',
        advertiser_id: '12',
        payout: '4.20',
        destination_url: 'https://vpn.example.com/summer?click={click_id}&aff={aff_id}',
        offer_geo: { type: 1, countries: ['US'] },
        base_event: {
          conversion_protocol: 1,
          approve_conversions: 1,
          is_private: 0,
          status: 'active',
        },
      });
      expect(view).not.toHaveProperty('base_event.approve_conversion');
      expect(await platform.get({ kind: 'offer', id: '999' })).toBeUndefined();
    });

    it('lists every offer across pages, each with its base event', async () => {
      const offers = await collect(platform.list('offer'));
      expect(offers.map((offer) => offer.id)).toEqual(['501', '502', '503']);
      expect(offers.map((offer) => (offer.base_event as { status: string }).status)).toEqual([
        'active',
        'active',
        'active',
      ]);
      expect(offers[1]!.offer_geo).toEqual({ type: 2, countries: ['CN', 'RU'] });
      expect(offers[2]).not.toHaveProperty('offer_geo');
    });

    it('creates an offer and PATCHes event 1 only with the base event settings that differ from defaults', async () => {
      const record = {
        ...OFFER,
        advertiser_id: '12',
        status: 'active',
        offer_geo: { type: 1, countries: ['GB'] },
        base_event: {
          conversion_protocol: 3,
          approve_conversions: 0,
          is_private: 1,
          status: 'active',
        },
      };
      const { key } = await platform.create('offer', record);
      expect(key).toEqual({ kind: 'offer', id: '504' });
      expect(writes()).toEqual(['POST /v1/offers', 'PATCH /v1/offers/504/offer_events/1']);
      // The event PATCH carries its fields in the query string (contract v2), as text.
      const patch = running.sandbox.runtime.log.entries((entry) => entry.method === 'PATCH')[0]!;
      expect(patch.params).toEqual({ conversion_protocol: '3', is_private: '1' });
      const view = await platform.get(key);
      expect(view).toMatchObject({ ...record, id: '504', offer_approval: 2 });

      running.sandbox.runtime.log.clear();
      await platform.create('offer', {
        ...OFFER,
        name: 'Defaults',
        base_event: { conversion_protocol: 2, status: 'active' },
      });
      expect(writes()).toEqual(['POST /v1/offers']);
    });

    it('updates with one PUT for offer fields and geo, and a PATCH of event 1 for base event fields', async () => {
      const key: EntityKey = { kind: 'offer', id: '501' };
      await platform.update(key, {
        name: 'Summer Sale VPN - US/CA',
        payout: '4.40',
        offer_geo: { type: 1, countries: ['US', 'CA'] },
        base_event: { approve_conversions: 0 },
      });
      expect(writes()).toEqual(['PUT /v1/offers/501', 'PATCH /v1/offers/501/offer_events/1']);
      expect(await platform.get(key)).toMatchObject({
        name: 'Summer Sale VPN - US/CA',
        payout: '4.40',
        offer_geo: { type: 1, countries: ['US', 'CA'] },
        base_event: { approve_conversions: 0, conversion_protocol: 1 },
      });
      // Event 1 carries the offer's pricing.
      expect(running.sandbox.state.store.event(501, 1).payout).toBe('4.40');

      running.sandbox.runtime.log.clear();
      await platform.update(key, { base_event: { status: 'paused' } });
      expect(writes()).toEqual(['PATCH /v1/offers/501/offer_events/1']);
    });

    it('retires by pausing, and refuses a record that does not fit before sending anything', async () => {
      await platform.retire({ kind: 'offer', id: '502' });
      expect(running.sandbox.state.store.offer(502).status).toBe('paused');
      running.sandbox.runtime.log.clear();
      const error = await platform
        .create('offer', { ...OFFER, payout_type: 'CPX' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      expect(error).toMatchObject({ code: 'VALIDATION' });
      expect((error as Error).message).toContain('payout_type');
      expect(running.sandbox.runtime.log.entries()).toEqual([]);
    });

    it('passes the platform rejection on: a PUT emptying a field', async () => {
      const error = await platform
        .update({ kind: 'offer', id: '501' }, { description: '' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VALIDATION', status: 422 });
      expect((error as PlatformError).platformMessage).toBe(
        'offer.description: may not be set to empty once it has a value',
      );
    });
  });

  describe('goals', () => {
    it('are the offer events other than event 1', async () => {
      const goals = await collect(platform.list('goal', { offerId: '502' }));
      expect(goals).toHaveLength(1);
      expect(goals[0]).toMatchObject({
        id: '2',
        offer_id: '502',
        name: 'Upgrade to annual',
        percent_payout: '15',
        approve_conversions: 0,
      });
      expect(platform.keyOf('goal', goals[0]!)).toEqual({ kind: 'goal', id: '2', offerId: '502' });
      expect(await platform.get({ kind: 'goal', id: '1', offerId: '502' })).toBeUndefined();
      expect(await platform.get({ kind: 'goal', id: '2', offerId: '999' })).toBeUndefined();
      expect((await collect(platform.list('goal'))).map((goal) => goal.id)).toEqual(['2']);
    });

    it('create, read, update and retire', async () => {
      const { key } = await platform.create(
        'goal',
        { name: 'Lead', payout_type: 'CPA', payout: '1.10', conversion_protocol: 1 },
        { offerId: '501' },
      );
      expect(key).toEqual({ kind: 'goal', id: '3', offerId: '501' });
      expect(await platform.get(key)).toMatchObject({
        name: 'Lead',
        payout: '1.10',
        conversion_protocol: 1,
        status: 'active',
      });
      await platform.update(key, { payout: '1.25' });
      expect(await platform.get(key)).toMatchObject({ payout: '1.25' });
      await platform.retire(key);
      expect(await platform.get(key)).toMatchObject({ status: 'paused' });
      expect(writes()).toEqual([
        'POST /v1/offers/501/offer_events',
        'PATCH /v1/offers/501/offer_events/3',
        'PATCH /v1/offers/501/offer_events/3',
      ]);
    });
  });

  describe('commissions', () => {
    it('read with their tier, listed per offer or all', async () => {
      const commission = await platform.get({ kind: 'commission', id: '2', offerId: '502' });
      expect(commission).toMatchObject({
        id: '2',
        offer_id: '502',
        affiliate_id: '202',
        event_id: '1',
        current_payout: '1.75',
        affiliate_tier: { time_interval_type: 0, effective_time: Date.UTC(2025, 0, 1) / 1000 },
      });
      expect(
        (await collect(platform.list('commission', { offerId: '501' }))).map((c) => c.id),
      ).toEqual(['1']);
      expect((await collect(platform.list('commission'))).map((c) => c.id)).toEqual(['1', '2']);
      expect(await platform.get({ kind: 'commission', id: '2', offerId: '501' })).toBeUndefined();
    });

    it('create (tier dates from unix times or days), update the amounts, retire by deleting, twice', async () => {
      const { key } = await platform.create('commission', {
        offer_id: '501',
        affiliate_id: '203',
        current_payout: '5.00',
        affiliate_tier: {
          time_interval_type: 0,
          effective_time: Date.UTC(2025, 5, 1) / 1000,
          expiration_time: '2025-06-30',
          tier_item: [],
        },
      });
      expect(key).toEqual({ kind: 'commission', id: '3', offerId: '501' });
      const created = await platform.get(key);
      expect(created).toMatchObject({
        current_payout: '5.00',
        event_id: '1',
        affiliate_tier: {
          user_id: '1',
          effective_time: Date.UTC(2025, 5, 1) / 1000,
          expiration_time: Date.UTC(2025, 5, 30, 23, 59, 59) / 1000,
        },
      });

      await platform.update(key, { current_payout: '5.50', percent_payout: '2' });
      expect(await platform.get(key)).toMatchObject({
        current_payout: '5.50',
        percent_payout: '2',
      });
      const patch = running.sandbox.runtime.log.entries((entry) => entry.method === 'PATCH')[0]!;
      expect(patch).toMatchObject({
        path: '/v1/affiliate_payouts/3',
        params: { current_payout: '5.50', percent_payout: '2' },
      });

      const refused = await platform.update(key, { affiliate_id: '201' }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'VALIDATION' });

      await platform.retire(key);
      await platform.retire(key);
      expect(await platform.get(key)).toBeUndefined();
      expect(writes()).toEqual([
        'POST /v1/affiliate_payouts',
        'PATCH /v1/affiliate_payouts/3',
        'DELETE /v1/affiliate_payouts/3',
      ]);
    });

    it('passes on the platform rules: no event_id on a CPC offer', async () => {
      const error = await platform
        .create('commission', {
          offer_id: '503',
          affiliate_id: '201',
          event_id: '1',
          current_payout: '0.25',
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VALIDATION', status: 422 });
      expect((error as PlatformError).platformMessage).toMatch(/^affiliate_payout\.event_id: /);
      const { key } = await platform.create('commission', {
        offer_id: '503',
        affiliate_id: '201',
        current_payout: '0.25',
      });
      expect(key).toEqual({ kind: 'commission', id: '3', offerId: '503' });
    });
  });

  describe('affiliates', () => {
    it('are listed and read, never written', async () => {
      const affiliates = await collect(platform.list('affiliate'));
      expect(affiliates.map((affiliate) => affiliate.email)).toEqual([
        'alice@example.com',
        'bob@example.com',
        'carol@example.com',
        'anna@adsworks.example',
        'tom@leadgen.example',
      ]);
      expect(await platform.get({ kind: 'affiliate', id: '203' })).toMatchObject({
        first_name: 'Carol',
        company: 'Carter Ads',
      });
      expect(await platform.get({ kind: 'affiliate', id: '999' })).toBeUndefined();
      expect(platform.keyOf('affiliate', affiliates[0]!)).toEqual({ kind: 'affiliate', id: '201' });
      for (const attempt of [
        platform.create('affiliate', { id: '9', email: 'x@example.com' }),
        platform.update({ kind: 'affiliate', id: '201' }, { company: 'X' }),
        platform.retire({ kind: 'affiliate', id: '201' }),
      ]) {
        await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION' });
      }
      expect(writes()).toEqual([]);
    });
  });

  describe('search', () => {
    it('narrows each list with the platform filters, so finding a twin costs a few calls', async () => {
      const search = platform.search.bind(platform);
      const offers = await collect(search('offer', { name: 'fitness tracker', payout: '1.50' }));
      expect(offers.map((offer) => offer.id)).toEqual(['502']);
      // One batch request: the candidates come with their events nested, no read per offer.
      expect(running.sandbox.runtime.log.entries().map((entry) => entry.path)).toEqual([
        '/v1/batches/offers',
      ]);
      expect(running.sandbox.runtime.log.entries()[0]!.params.filters).toEqual({
        name: { CONTAINS: 'fitness tracker' },
      });

      const affiliates = await collect(search('affiliate', { email: 'Carol@Example.com' }));
      expect(affiliates.map((affiliate) => affiliate.id)).toEqual(['203']);
      const commissions = await collect(
        search('commission', { affiliate_id: '202' }, { offerId: '502' }),
      );
      expect(commissions.map((commission) => commission.id)).toEqual(['2']);
      expect(
        await collect(search('commission', { affiliate_id: '202' }, { offerId: '501' })),
      ).toEqual([]);
      const goals = await collect(search('goal', { name: 'upgrade' }));
      expect(goals.map((goal) => [goal.offer_id, goal.id])).toEqual([['502', '2']]);
      // Nothing searchable in the match: the whole list.
      expect(await collect(search('offer', { payout: '1.50' }))).toHaveLength(3);
    });
  });
});
