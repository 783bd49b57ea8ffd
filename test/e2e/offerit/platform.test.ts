// The PlatformClient adapter for Offerit, per kind, against a running sandbox in both presets of
// its answers. v2's get_details carries no payout column, so an offer's payouts come from its
// default commission change (a JSON number there: `4.5` where v1's get_details says "4.50").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import type { PlatformClient } from '../../../src/platforms/platform-client.js';
import {
  createOfferitPlatform,
  offeritAffiliateSchema,
  offeritCommissionChangeSchema,
  offeritGoalSchema,
  offeritOfferSchema,
} from '../../../src/platforms/offerit/index.js';
import { ANSWERS, amount, sampleFixtures, startSandbox, type Running } from './sandbox-client.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.each(ANSWERS)('offerit platform adapter (%s answers)', (answers) => {
  let running: Running;
  let platform: PlatformClient;
  beforeEach(async () => {
    running = await startSandbox({ fixtures: sampleFixtures(), answers });
    platform = createOfferitPlatform(running.client);
  });
  afterEach(() => running.sandbox.stop());

  it('ping checks service/ping and get_details; a Failure envelope on ping is AUTH', async () => {
    await expect(platform.ping()).resolves.toBeUndefined();
    expect(running.sandbox.runtime.log.entries().map((entry) => entry.path)).toEqual([
      '/api/service/ping',
      '/api/offer/get_details',
    ]);
    running.sandbox.runtime.faults.failNext('failure-envelope');
    await expect(platform.ping()).rejects.toMatchObject({ code: 'AUTH', retryable: false });
  });

  describe('offers', () => {
    it('lists every offer as a valid record and keys it by offerid', async () => {
      const offers = await collect(platform.list('offer'));
      expect(offers.map((offer) => platform.keyOf('offer', offer))).toEqual(
        ['400', '401', '402', '403', '404', '405', '406'].map((id) => ({ kind: 'offer', id })),
      );
      for (const offer of offers) expect(offeritOfferSchema.safeParse(offer).success).toBe(true);
      expect(await platform.get({ kind: 'offer', id: '9999' })).toBeUndefined();
    });

    it('creates from a record (read-only fields skipped), updates given fields, retires by pausing', async () => {
      const source = (await platform.get({ kind: 'offer', id: '400' }))!;
      const written = await platform.create('offer', {
        ...source,
        name: 'Copy of 400',
        active: '0',
      });
      // add_offer answers ids only: no record, and nothing read back to make one.
      expect(written).toEqual({ key: { kind: 'offer', id: '407' } });
      const { key } = written;
      const copy = (await platform.get(key))!;
      expect(copy).toMatchObject({
        name: 'Copy of 400',
        url: source.url,
        authorized: ['GB', 'DE'],
        flat_amount_per_conversion: amount('4.50'),
        active: '0',
        goals: [],
      });
      expect(
        await platform.update(key, {
          name: 'Renamed',
          flat_amount_per_conversion: '4.75',
          active: '1',
        }),
      ).toEqual({ key });
      expect(await platform.get(key)).toMatchObject({
        name: 'Renamed',
        flat_amount_per_conversion: '4.75',
        active: '1',
      });
      // An empty value clears a field.
      await platform.update(key, { preview_url: '' });
      expect((await platform.get(key))!.preview_url).toBe('');
      await platform.retire(key);
      expect((await platform.get(key))!.active).toBe('0');
    });

    it('keeps a date_expire written together with a pause or an activation', async () => {
      const key = { kind: 'offer' as const, id: '403' };
      await platform.update(key, { active: '0', date_expire: '2030-01-31 23:59:59' });
      expect(await platform.get(key)).toMatchObject({
        active: '0',
        date_expire: '2030-01-31 23:59:59',
      });
      await platform.update(key, { active: '1', date_expire: '2031-06-30 00:00:00' });
      expect(await platform.get(key)).toMatchObject({
        active: '1',
        date_expire: '2031-06-30 00:00:00',
      });
      const { key: created } = await platform.create('offer', {
        name: 'Ended',
        url: 'https://e.example/',
        active: '0',
        date_expire: '2024-12-31 00:00:00',
      });
      expect(await platform.get(created)).toMatchObject({
        active: '0',
        date_expire: '2024-12-31 00:00:00',
      });
    });

    it('refuses fields add_offer does not have, naming them', async () => {
      const error = await platform
        .update({ kind: 'offer', id: '400' }, { payout: '3', name: 'x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      expect(error).toMatchObject({ code: 'VALIDATION' });
      expect((error as Error).message).toContain('payout');
      expect(running.sandbox.runtime.log.writes()).toHaveLength(0);
    });
  });

  describe('goals', () => {
    it('lists goals per offer and for all offers, keyed by offer and offer_goal_id', async () => {
      const ofOffer = await collect(platform.list('goal', { offerId: '400' }));
      expect(ofOffer.map((goal) => platform.keyOf('goal', goal))).toEqual([
        { kind: 'goal', offerId: '400', id: '48' },
        { kind: 'goal', offerId: '400', id: '49' },
      ]);
      const all = await collect(platform.list('goal'));
      expect(all.map((goal) => `${String(goal.offerid)}/${String(goal.offer_goal_id)}`)).toEqual([
        '400/48',
        '400/49',
        '402/50',
        '404/51',
      ]);
      for (const goal of all) expect(offeritGoalSchema.safeParse(goal).success).toBe(true);
    });

    it('creates a goal from a record without goal_id (an Offerslook event) with the default one', async () => {
      const { key } = await platform.create('goal', {
        offerid: '403',
        name: 'Install',
        amount: '0.4',
      });
      expect(await platform.get(key)).toMatchObject({
        goal_id: '1',
        name: 'Install',
        amount: '0.40',
      });
      const custom = createOfferitPlatform(running.client, { defaultGoalId: '12' });
      const { key: other } = await custom.create('goal', { name: 'Open' }, { offerId: '403' });
      expect((await platform.get(other))!.goal_id).toBe('12');
    });

    it('creates a goal, updates it, and retires it by zeroing its payout', async () => {
      const created = await platform.create(
        'goal',
        {
          goal_id: '5',
          name: 'Upsell',
          commission_type: 'flat',
          amount: '2.5',
          revenue_type: 'sale',
          revenue_amount: '4',
        },
        { offerId: '401' },
      );
      const { key } = created;
      expect(key).toEqual({ kind: 'goal', offerId: '401', id: '52' });
      expect(await platform.get(key)).toMatchObject({
        name: 'Upsell',
        amount: '2.50',
        offerid: '401',
      });
      // set_offer_goals answers every goal of the offer: the written goal's view comes with the
      // write, the same record get returns.
      expect(created.record).toEqual(await platform.get(key));
      running.sandbox.runtime.log.clear();
      const updated = await platform.update(key, { amount: '3', name: 'Upsell 2' });
      expect(running.sandbox.runtime.log.entries()).toHaveLength(1);
      expect(updated).toEqual({ key, record: await platform.get(key) });
      expect(updated.record).toMatchObject({
        name: 'Upsell 2',
        amount: '3.00',
        revenue_amount: '4.00',
      });
      await platform.retire(key);
      expect(await platform.get(key)).toMatchObject({ amount: '0.00', revenue_amount: '4.00' });
      // A new goal also gets its default commission change.
      const changes = await running.client.getCommissionChanges({ offerid: 401 });
      expect(changes.some((change) => change.changeid === '0' && change.goalid === '52')).toBe(
        true,
      );
      expect(await platform.get({ kind: 'goal', offerId: '401', id: '999' })).toBeUndefined();
    });
  });

  describe('commissions', () => {
    it('lists changes without the default rows, with loginid when restricted to one affiliate', async () => {
      const changes = await collect(platform.list('commission'));
      expect(changes.map((change) => platform.keyOf('commission', change))).toEqual(
        [
          ['400', '59'],
          ['400', '60'],
          ['401', '61'],
          ['402', '62'],
          ['404', '63'],
          ['406', '64'],
        ].map(([offerId, id]) => ({ kind: 'commission', offerId, id })),
      );
      for (const change of changes)
        expect(offeritCommissionChangeSchema.safeParse(change).success).toBe(true);
      expect(changes[1]).toMatchObject({
        goalid: '48',
        loginid: '4',
        flat_amount_per_conversion: '1.4',
      });
      expect(await collect(platform.list('commission', { offerId: '403' }))).toEqual([]);
    });

    it('creates a per-affiliate change, updates its payouts, retires it by zeroing every payout', async () => {
      const { key } = await platform.create(
        'commission',
        {
          type: 'standard',
          affiliates: { '9': 'seo_sara' },
          goalid: '0',
          countries: [],
          start_time: '',
          end_time: '',
          flat_amount_per_conversion: '11',
        },
        { offerId: '403' },
      );
      expect(key).toEqual({ kind: 'commission', offerId: '403', id: '65' });
      expect(await platform.get(key)).toMatchObject({
        loginid: '9',
        flat_amount_per_conversion: '11',
        type: 'standard',
      });
      await platform.update(key, {
        flat_amount_per_conversion: '12.25',
        flat_amount_per_click: '0.1',
        loginid: '9',
      });
      expect(await platform.get(key)).toMatchObject({
        flat_amount_per_conversion: '12.25',
        flat_amount_per_click: '0.1',
      });
      await platform.retire(key);
      const retired = (await platform.get(key))!;
      expect(retired.flat_amount_per_conversion).toBe('0');
      expect(retired.flat_amount_per_click).toBe('0');
      expect(retired.type).toBe('disable');
    });

    it('an update given the current change sends one request; without it, the change is read first', async () => {
      const key = { kind: 'commission' as const, offerId: '400', id: '59' };
      const current = (await platform.get(key))!;
      const paths = () => running.sandbox.runtime.log.entries().map((entry) => entry.path);
      running.sandbox.runtime.log.clear();
      expect(await platform.update(key, { flat_amount_per_conversion: '6' }, current)).toEqual({
        key,
      });
      expect(paths()).toEqual(['/api/offer/set_commission_change_payouts']);
      expect(await platform.get(key)).toMatchObject({ flat_amount_per_conversion: '6' });
      // A `current` that is another change (or not a change at all) is not trusted.
      running.sandbox.runtime.log.clear();
      const other = (await platform.get({ ...key, id: '60' }))!;
      await platform.update(key, { flat_amount_per_conversion: '7' }, other);
      await platform.update(key, { flat_amount_per_conversion: '7.5' }, { changeid: '59' });
      expect(paths().filter((path) => path.endsWith('get_commission_changes'))).toHaveLength(3);
      expect(await platform.get(key)).toMatchObject({ flat_amount_per_conversion: '7.5' });
    });

    it('refuses to change what set_commission_change_payouts cannot, and a missing change is NOT_FOUND', async () => {
      const key = { kind: 'commission' as const, offerId: '400', id: '59' };
      await expect(platform.update(key, { countries: ['FR'] })).rejects.toMatchObject({
        code: 'VALIDATION',
      });
      await expect(
        platform.update({ ...key, id: '999' }, { flat_amount_per_click: '1' }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await platform.get({ ...key, id: '999' })).toBeUndefined();
      expect(await platform.get({ ...key, offerId: '9999' })).toBeUndefined();
    });
  });

  describe('search', () => {
    it('narrows by what the platform can filter on, with one request where it can', async () => {
      const search = (
        kind: 'offer' | 'goal' | 'commission' | 'affiliate',
        match: Record<string, unknown>,
      ) => {
        running.sandbox.runtime.log.clear();
        return collect(platform.search!(kind, match));
      };
      const byName = await search('offer', { name: 'VPN Annual Plan Revshare' });
      expect(byName.map((offer) => offer.offerid)).toEqual(['401']);
      // v2: plus the offer's default commission change, for its payouts.
      expect(running.sandbox.runtime.log.entries()).toHaveLength(answers === 'v1' ? 1 : 2);
      expect((await search('offer', { offerid: '404' })).map((offer) => offer.offerid)).toEqual([
        '404',
      ]);
      expect((await search('goal', { offerid: '402' })).map((goal) => goal.offer_goal_id)).toEqual([
        '50',
      ]);
      expect((await search('commission', { offerid: '401' })).map((c) => c.changeid)).toEqual([
        '61',
      ]);
      expect(running.sandbox.runtime.log.entries()).toHaveLength(2);
      const byEmail = await search('affiliate', { email: 'sara@seo.example' });
      expect(byEmail.map((affiliate) => affiliate.loginid)).toEqual(['9']);
      expect(running.sandbox.runtime.log.entries()).toHaveLength(1);
      // Nothing to filter on: every record (callers check each one).
      expect(await search('affiliate', { company: 'PushNet' })).toHaveLength(4);
    });
  });

  describe('affiliates', () => {
    it('lists and gets affiliates by loginid; writes are refused', async () => {
      const affiliates = await collect(platform.list('affiliate'));
      expect(affiliates.map((a) => platform.keyOf('affiliate', a).id)).toEqual([
        '3',
        '4',
        '7',
        '9',
      ]);
      for (const affiliate of affiliates)
        expect(offeritAffiliateSchema.safeParse(affiliate).success).toBe(true);
      expect(await platform.get({ kind: 'affiliate', id: '7' })).toMatchObject({
        email: 'ops@pushnet.example',
      });
      expect(await platform.get({ kind: 'affiliate', id: '8' })).toBeUndefined();
      await expect(platform.create('affiliate', { username: 'x' })).rejects.toMatchObject({
        code: 'VALIDATION',
      });
      await expect(platform.retire({ kind: 'affiliate', id: '3' })).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    });
  });
});
