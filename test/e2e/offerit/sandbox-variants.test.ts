// The sandbox answers each variant of the contract the way a real network would, chosen by its
// settings, and reads parameters from the query string and the body alike on every method.
// Raw requests only: what the client makes of these answers is in the other files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OFFERIT_PRESETS,
  createOfferitSandbox,
  type OfferitFixtures,
} from '../../../src/sandbox/offerit/index.js';
import { raw, rawGetWithBody, startSandbox, type Running } from './sandbox-client.js';

type Envelope = { result: string; message: unknown };
type Rows = { result: string; message: { changes: Record<string, unknown>[] } };

const fixtures: OfferitFixtures = {
  advertisers: [{ advertiserid: '1', username: 'acme_ads' }],
  affiliates: [{ loginid: '3', username: 'anna', email: 'anna@example.com' }],
  offers: [
    {
      offerid: '400',
      name: 'Offer',
      url: 'https://x.example/',
      advertiserid: '1',
      advertiser_cost_type: 'conversion',
      advertiser_cost_flat: '7',
      authorized: 'GB,AF',
      commission_type: 'cpa',
      flat_amount_per_conversion: '4.5',
      goals: [{ offer_goal_id: '48', goal_id: '1', name: 'Lead', amount: '1' }],
    },
    { offerid: '401', name: 'No payouts', url: 'https://y.example/' },
  ],
  commissionChanges: [
    {
      offerid: '400',
      changeid: '59',
      goalid: '48',
      countries: ['AF', 'GB'],
      subaff: 'a',
      subaff2: 'b',
      aff_manager_payout: '1',
      aff_referral_payout: '0',
      cpm_payout: '7',
      flat_amount_per_conversion: '2',
    },
  ],
};

describe('offerit sandbox variants', () => {
  let running: Running;
  beforeEach(async () => {
    running = await startSandbox({ fixtures, answers: 'v2' });
  });
  afterEach(() => running.sandbox.stop());

  const get = async (path: string) => (await raw(running, 'GET', path)).json;

  it('starts on the v2 preset; options and settings choose a preset and single switches', () => {
    expect(createOfferitSandbox().variants.current()).toEqual(OFFERIT_PRESETS.v2);
    const v1 = createOfferitSandbox({ answers: 'v1', variants: { countryKeys: 'padded' } });
    expect(v1.variants.current()).toEqual({ ...OFFERIT_PRESETS.v1, countryKeys: 'padded' });
    expect(() => createOfferitSandbox({ variants: { getDetails: 'gone' } as never })).toThrow(
      /variants\.getDetails: .*available.*missing/,
    );
  });

  it('activate_offer answers the documented lower-case "success" (v2) or "Success" (v1)', async () => {
    const activate = () => raw(running, 'PATCH', '/offer/activate_offer', 'offerid=400');
    expect((await activate()).json).toEqual({ result: 'success', message: 'Offer activated.' });
    running.sandbox.variants.apply({ answers: 'v1' });
    expect((await activate()).json).toEqual({ result: 'Success', message: 'Offer activated.' });
  });

  it('reads PATCH parameters from a query string with no body, and GET parameters from a body', async () => {
    // TMM's own pause_offer and activate_offer samples.
    const paused = await raw(running, 'PATCH', '/offer/pause_offer?offerid=400');
    expect(paused).toMatchObject({
      status: 200,
      json: { result: 'Success', message: 'Offer expired.' },
    });
    expect(running.sandbox.state.offers.get('400')!.active).toBe('0');
    expect((await raw(running, 'PATCH', '/offer/activate_offer?offerid=400')).status).toBe(200);
    expect(running.sandbox.state.offers.get('400')!.active).toBe('1');
    // "Must be sent with the request body" even for GET, says one page.
    const inBody = await rawGetWithBody(running, '/offer/get_details', 'offerid=401');
    expect(inBody.status).toBe(200);
    expect(Object.keys((inBody.json as { message: object }).message)).toEqual(['401']);
    // Query and body together, as PHP's $_REQUEST merges them.
    const both = await raw(running, 'PATCH', '/offer/edit_offer?offerid=401', 'name=Renamed');
    expect(both.status).toBe(200);
    expect(running.sandbox.state.offers.get('401')!.fields.name).toBe('Renamed');
    expect(running.sandbox.runtime.log.entries().at(-1)!.params).toEqual({
      offerid: '401',
      name: 'Renamed',
    });
  });

  it('an install without get_details answers it 404 "invalid endpoint"; the rest works', async () => {
    running.sandbox.variants.apply({ variants: { getDetails: 'missing' } });
    const answer = await raw(running, 'GET', '/offer/get_details?offerid=400');
    expect(answer).toMatchObject({
      status: 404,
      json: { result: 'Failure', message: 'Invalid endpoint /offer/get_details' },
    });
    expect((await raw(running, 'GET', '/offer/get_commission_changes?offerid=400')).status).toBe(
      200,
    );
  });

  it('get_details in the documented vocabulary (v2): no payout column, advertiser_username', async () => {
    const message = ((await get('/offer/get_details?offerid=400')) as Envelope).message as Record<
      string,
      Record<string, unknown>
    >;
    expect(message['400']).toMatchObject({
      cost_type: 'conversion',
      cost_flat: '7.00',
      authorized_countries_iso: 'GB,AF',
      advertiser_username: 'acme_ads',
      commission_type: 'cpa',
    });
    for (const column of [
      'advertiser_cost_type',
      'advertiser_cost_flat',
      'authorized',
      'flat_amount_per_conversion',
    ])
      expect(message['400']).not.toHaveProperty(column);
    // advertiser_username is a lookup key too.
    const byAdvertiser = (await get('/offer/get_details?advertiser_username=acme_ads')) as Envelope;
    expect(Object.keys(byAdvertiser.message as object)).toEqual(['400']);
    expect((await get('/offer/get_details?advertiser_username=nobody')) as Envelope).toEqual({
      result: 'Success',
      message: [],
    });
  });

  it('the offer and its default change are one set of payouts, whichever endpoint writes them', async () => {
    const offerRow = async () =>
      ((await get('/offer/get_commission_changes?offerid=400')) as Rows).message.changes[0];
    expect(await offerRow()).toMatchObject({ 'Change Id': 0, 'Flat Conversion Payout': 4.5 });
    await raw(
      running,
      'PATCH',
      '/offer/set_commission_change_payouts',
      'offerid=400&changeid=0&percentage_of_customer_conversion=12.5&flat_amount_per_conversion=',
    );
    expect(await offerRow()).toEqual({
      'Change Id': 0,
      'Start Time': 'Never',
      'End Time': 'Never',
      Countries: ['All'],
      'Percentage Conversion Payout': 12.5,
    });
    await raw(running, 'PATCH', '/offer/edit_offer', 'offerid=400&flat_amount_per_click=0.05');
    expect(await offerRow()).toMatchObject({ 'Page View Payout': 0.05 });
    running.sandbox.variants.apply({ answers: 'v1' });
    const v1 = ((await get('/offer/get_details?offerid=400')) as Envelope).message as Record<
      string,
      Record<string, unknown>
    >;
    expect(v1['400']).toMatchObject({
      percentage_of_customer_conversion: '12.50',
      flat_amount_per_click: '0.05',
    });
    expect(v1['400']).not.toHaveProperty('flat_amount_per_conversion');
    // v1's default row carries no payouts (the v1 sample), and an offer without any has none.
    expect(await offerRow()).not.toHaveProperty('Percentage Conversion Payout');
    running.sandbox.variants.apply({ answers: 'v2' });
    const none = ((await get('/offer/get_commission_changes?offerid=401')) as Rows).message.changes;
    expect(none).toEqual([
      { 'Change Id': 0, 'Start Time': 'Never', 'End Time': 'Never', Countries: ['All'] },
    ]);
  });

  it('get_commission_changes rows in the v2 shapes, and the same change in the v1 shapes', async () => {
    const goalChange = async () =>
      ((await get('/offer/get_commission_changes?offerid=400')) as Rows).message.changes.find(
        (row) => row['Change Id'] === 59,
      );
    expect(await goalChange()).toEqual({
      'Change Id': 59,
      offer_goal_id: 48,
      'Start Time': 'Never',
      'End Time': 'Never',
      Countries: { '004': 'AF', '826': 'GB' },
      'Sub Affiliates': { Subaff: 'a', 'Subaff 2': 'b' },
      'Flat Conversion Payout': 2,
      'CPM Payout': 7,
      'Pay Affiliate Managers': true,
      'Pay Referring Affiliates': false,
    });
    running.sandbox.variants.apply({ answers: 'v1' });
    expect(await goalChange()).toEqual({
      'Change Id': 59,
      offer_goal_id: 48,
      'Start Time': 'Never',
      'End Time': 'Never',
      Countries: { '4': 'AF', '826': 'GB' },
      Subaff: 'a',
      'Subaff 2': 'b',
      'Flat Conversion Payout': 2,
      'CPM Payout': 7,
    });
  });

  it('keeps what fixtures alone can set through a snapshot', () => {
    const snapshot = running.sandbox.state.snapshot();
    const copy = createOfferitSandbox({ fixtures: snapshot as never });
    expect(copy.state.snapshot()).toEqual(snapshot);
    expect(copy.state.snapshot().commissionChanges[0]).toMatchObject({
      cpm_payout: '7.00',
      aff_manager_payout: '1',
      aff_referral_payout: '0',
    });
    expect(copy.state.snapshot().advertisers).toEqual([
      { advertiserid: '1', username: 'acme_ads' },
    ]);
  });
});
