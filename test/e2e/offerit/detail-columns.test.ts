// get_details' two column vocabularies (v1: add_offer names; v2: the documented return_columns
// names, and no payout column) read into one entity view. The client asks by the documented
// names; the adapter takes the offer's payouts from its default commission change where
// get_details has none, and asks for them only for offers that need it.
import { afterEach, describe, expect, it } from 'vitest';
import {
  DETAIL_COLUMNS,
  createOfferitPlatform,
  type OfferitOffer,
} from '../../../src/platforms/offerit/index.js';
import type { PlatformClient } from '../../../src/platforms/platform-client.js';
import type { OfferitAnswers, OfferitVariants } from '../../../src/sandbox/offerit/index.js';
import { amount, sampleFixtures, startSandbox, type Running } from './sandbox-client.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Every way a network may answer get_details that the client must read the same. */
const NETWORKS: [string, OfferitAnswers, Partial<OfferitVariants>][] = [
  ['v1: add_offer names, return_columns ignored', 'v1', {}],
  ['v2: documented names, return_columns honoured', 'v2', {}],
  ['v2 names, return_columns ignored', 'v2', { returnColumns: 'ignored' }],
  ['v2 names as a list under message.offers', 'v2', { detailsVariant: 'offers-list' }],
  ['v1 names, offer payouts also on the default row', 'v1', { defaultRowPayouts: 'offer' }],
];

describe('offerit get_details columns', () => {
  let running: Running | undefined;
  let platform: PlatformClient;
  afterEach(async () => {
    await running?.sandbox.stop();
    running = undefined;
  });
  const start = async (answers: OfferitAnswers, variants: Partial<OfferitVariants> = {}) => {
    running = await startSandbox({ fixtures: sampleFixtures(), answers, variants });
    platform = createOfferitPlatform(running.client);
    return running;
  };
  const paths = () => running!.sandbox.runtime.log.entries().map((entry) => entry.path);

  it('asks for every mapped column by its documented return_columns name', async () => {
    await start('v2');
    await running!.client.getDetails({ offerid: '400' });
    const asked = String(running!.sandbox.runtime.log.entries()[0]!.params.return_columns);
    expect(asked).toBe(DETAIL_COLUMNS);
    const columns = asked.split(',');
    expect(columns).toEqual(
      expect.arrayContaining([
        'cost_type',
        'cost_flat',
        'cost_perc',
        'authorized_countries_iso',
        'commission_type',
        'flat_amount_per_conversion',
        'goals',
        'landing_pages',
      ]),
    );
    for (const addOfferName of [
      'advertiser_cost_type',
      'advertiser_cost_flat',
      'advertiser_cost_perc',
      'authorized',
    ])
      expect(columns).not.toContain(addOfferName);
  });

  it.each(NETWORKS)('%s: the same entity view, under add_offer names', async (_, answers, v) => {
    await start(answers, v);
    const [record] = await running!.client.getDetails({ offerid: '400' });
    expect(record).toMatchObject({
      advertiser_cost_type: 'conversion',
      advertiser_cost_flat: '7.00',
      authorized: ['GB', 'DE'],
      commission_type: 'cpa',
    });
    for (const documented of ['cost_type', 'cost_flat', 'authorized_countries_iso'])
      expect(record).not.toHaveProperty(documented);
    const view = (await platform.get({ kind: 'offer', id: '400' })) as OfferitOffer;
    expect(view).toMatchObject({
      ...record,
      flat_amount_per_conversion: amount('4.50'),
    });
    // A payout that is not set is absent, never 0.
    expect(view).not.toHaveProperty('percentage_of_customer_conversion');
    const both = (await platform.get({ kind: 'offer', id: '402' }))!;
    expect(both).toMatchObject({
      flat_amount_per_conversion: amount('60'),
      percentage_of_customer_conversion: amount('25'),
    });
  });

  it('fetches commission changes only for offers whose record carries no payout', async () => {
    await start('v1');
    const v1 = await collect(platform.list('offer'));
    expect(v1).toHaveLength(7);
    expect(paths().filter((path) => path.endsWith('get_commission_changes'))).toEqual([]);
    // An offer with no payout set has no payout column in v1 either: one read finds none.
    await running!.client.addOffer({ name: 'Bare', url: 'https://b.example/' });
    running!.sandbox.runtime.log.clear();
    const bare = (await platform.get({ kind: 'offer', id: '407' }))!;
    expect(paths()).toEqual(['/api/offer/get_details', '/api/offer/get_commission_changes']);
    for (const field of ['flat_amount_per_conversion', 'flat_amount_per_click'])
      expect(bare).not.toHaveProperty(field);
    await running!.sandbox.stop();

    await start('v2');
    const v2 = await collect(platform.list('offer'));
    expect(v2.map((offer) => offer.offerid)).toEqual(v1.map((offer) => offer.offerid));
    const changeReads = running!.sandbox.runtime.log
      .entries((entry) => entry.path.endsWith('get_commission_changes'))
      .map((entry) => entry.params.offerid);
    expect([...changeReads].sort()).toEqual(['400', '401', '402', '403', '404', '405', '406']);
    // Listing goals or commissions needs no payouts of the offers: no extra reads.
    running!.sandbox.runtime.log.clear();
    await collect(platform.list('goal'));
    expect(paths().every((path) => path.endsWith('get_details'))).toBe(true);
  });

  it.each(['v1', 'v2'] as const)(
    'payouts written by edit_offer or by the default change read back the same (%s)',
    async (answers) => {
      await start(answers);
      const key = { kind: 'offer' as const, id: '401' };
      await platform.update(key, { flat_amount_per_conversion: '1.25' });
      await running!.client.setCommissionChangePayouts({
        offerid: 401,
        changeid: 0,
        percentage_of_customer_conversion: '36.5',
      });
      expect(await platform.get(key)).toMatchObject({
        flat_amount_per_conversion: amount('1.25'),
        percentage_of_customer_conversion: amount('36.5'),
      });
      const [own] = await running!.client.getCommissionChanges({ offerid: 401 });
      expect(own).toMatchObject({ changeid: '0', goalid: '0' });
      if (answers === 'v2') expect(own).toMatchObject({ flat_amount_per_conversion: '1.25' });
    },
  );

  it.each(['v1', 'v2'] as const)('looks offers up by advertiser_username (%s)', async (answers) => {
    await start(answers);
    const offers = await running!.client.getDetails({ advertiser_username: 'acme_media' });
    expect(offers.map((offer) => offer.offerid)).toEqual(['400', '403']);
    expect(await running!.client.getDetails({ advertiser_username: 'nobody' })).toEqual([]);
    // v2 documents the username as a column too; a copied record never writes it back.
    const copy = {
      ...(await platform.get({ kind: 'offer', id: '400' }))!,
      name: 'Copy',
      advertiser_username: 'acme_media',
    };
    const { key } = await platform.create('offer', copy);
    expect(await platform.get(key)).toMatchObject({ name: 'Copy', advertiserid: '1' });
  });
});
