// For the same platform state, `list`, `get` and a write's `record` give the same view: the sync
// layer hashes them to decide "unchanged" without requests. Checked for offers (with and without
// a base-event change), goals and commissions, against the sandbox in both answer presets; and
// the two presets' answers read into the same views.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityKey, PlatformRecord } from '../../../src/vocabulary/index.js';
import { createOfferslookPlatform } from '../../../src/platforms/offerslook/index.js';
import { OFFER, startSandbox, type Running } from './sandbox-client.js';

const sample = JSON.parse(
  readFileSync(new URL('../../fixtures/offerslook/sample.json', import.meta.url), 'utf8'),
);
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe.each(['v1', 'v2'] as const)(
  'views agree across list, get and writes (%s answers)',
  (answers) => {
    let running: Running;
    let platform: ReturnType<typeof createOfferslookPlatform>;

    /** The view `get` and `list` give for `key`; both must be the write's record exactly. */
    async function expectSameViews(key: EntityKey, record: PlatformRecord | undefined) {
      expect(record, 'the write returned a record').toBeDefined();
      const got = await platform.get(key);
      const listed = (
        await collect(
          platform.list(key.kind, key.offerId === undefined ? {} : { offerId: key.offerId }),
        )
      ).find((row) => row.id === key.id);
      expect(got).toStrictEqual(record);
      expect(listed).toStrictEqual(record);
      if (key.kind === 'goal') {
        // Goals of every offer come nested in the offer batch: the same view again.
        const everywhere = (await collect(platform.list('goal'))).find(
          (row) => row.id === key.id && row.offer_id === key.offerId,
        );
        expect(everywhere).toStrictEqual(record);
      }
    }

    beforeAll(async () => {
      running = await startSandbox({ answers, now: () => NOW }, { pageSize: 2 });
      running.sandbox.state.seed(sample);
      platform = createOfferslookPlatform(running.client);
    });
    afterAll(() => running.sandbox.stop());

    it('offers: created with the default base event (no PATCH), and with a changed one', async () => {
      const plain = await platform.create('offer', {
        ...OFFER,
        name: 'Views plain',
        advertiser_offer_id: '400',
        offer_geo: { type: 1, countries: ['GB', 'DE'] },
      });
      await expectSameViews(plain.key, plain.record);

      const changed = await platform.create('offer', {
        ...OFFER,
        name: 'Views changed base',
        status: 'active',
        start_date: 1_800_000_000,
        base_event: {
          conversion_protocol: 3,
          approve_conversions: 1,
          is_private: 0,
          status: 'active',
        },
      });
      expect(changed.record).toMatchObject({
        base_event: {
          conversion_protocol: 3,
          approve_conversions: 1,
          is_private: 0,
          status: 'active',
        },
      });
      await expectSameViews(changed.key, changed.record);
    });

    it('offers: updated in the offer only, the base event only, and both', async () => {
      const key: EntityKey = { kind: 'offer', id: '501' };
      let current = (await platform.get(key))!;
      const offerOnly = await platform.update(
        key,
        { name: 'VPN renamed', payout: '4.25', offer_geo: { type: 2, countries: ['CN'] } },
        current,
      );
      await expectSameViews(key, offerOnly.record);

      current = offerOnly.record!;
      const baseOnly = await platform.update(
        key,
        { base_event: { conversion_protocol: 2 } },
        current,
      );
      await expectSameViews(key, baseOnly.record);

      current = baseOnly.record!;
      const both = await platform.update(
        key,
        { description: 'Both parts', base_event: { approve_conversions: 0, is_private: 1 } },
        current,
      );
      await expectSameViews(key, both.record);
    });

    it('goals: created and updated', async () => {
      const created = await platform.create(
        'goal',
        { name: 'Views goal', payout_type: 'CPA', payout: '1.10', revenue: '2.00' },
        { offerId: '502' },
      );
      await expectSameViews(created.key, created.record);
      const updated = await platform.update(created.key, { payout: '1.2', name: 'Views goal 2' });
      expect(updated.record).toMatchObject({ payout: '1.2', name: 'Views goal 2' });
      await expectSameViews(created.key, updated.record);
    });

    it('commissions: created with a tier, and updated', async () => {
      // Offer 502: 501's base event went private above, and takes no affiliate payouts now.
      const created = await platform.create('commission', {
        offer_id: '502',
        affiliate_id: '203',
        current_payout: '5.00',
        affiliate_tier: {
          time_interval_type: 0,
          effective_time: '2026-06-01',
          expiration_time: '2026-06-30',
          tier_item: [{ volume_caps: 100, payout: '5.50' }],
        },
      });
      await expectSameViews(created.key, created.record);
      const updated = await platform.update(
        created.key,
        { current_payout: '5.25', percent_payout: '1' },
        created.record,
      );
      expect(updated.record).toMatchObject({
        current_payout: '5.25',
        affiliate_tier: { user_id: '1' },
      });
      await expectSameViews(created.key, updated.record);
    });
  },
);

describe('the v1 and v2 answers of one state read into the same views', () => {
  let v1: Running;
  let v2: Running;
  beforeAll(async () => {
    [v1, v2] = await Promise.all([
      startSandbox({ answers: 'v1', now: () => NOW }),
      startSandbox({ answers: 'v2', now: () => NOW }),
    ]);
    for (const running of [v1, v2]) running.sandbox.state.seed(sample);
  });
  afterAll(async () => {
    await Promise.all([v1.sandbox.stop(), v2.sandbox.stop()]);
  });

  it('offers, goals and commissions', async () => {
    // The answers differ on the wire...
    const raw = async (running: Running) =>
      (
        (await (
          await fetch(`${running.baseUrl}/v1/offers/501`, {
            headers: { authorization: running.authorization },
          })
        ).json()) as { data: Record<string, unknown> }
      ).data;
    expect(await raw(v1)).not.toEqual(await raw(v2));
    // ...and not in the views.
    const one = createOfferslookPlatform(v1.client);
    const two = createOfferslookPlatform(v2.client);
    for (const kind of ['offer', 'goal', 'commission', 'affiliate'] as const)
      expect(await collect(two.list(kind))).toStrictEqual(await collect(one.list(kind)));
    expect(await two.get({ kind: 'offer', id: '502' })).toStrictEqual(
      await one.get({ kind: 'offer', id: '502' }),
    );
  });
});
