// Every client call against a running sandbox, in both presets of its answers: what it sends,
// what it reads back. Records come back under add_offer names whichever vocabulary get_details
// answered in; the offer's payouts are the adapter's business (detail-columns.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfferitClient } from '../../../src/platforms/offerit/index.js';
import { createOfferitSandbox, type DetailsVariant } from '../../../src/sandbox/offerit/index.js';
import {
  ANSWERS,
  API_KEY,
  USERNAME,
  clientConfig,
  sampleFixtures,
  startSandbox,
  type Running,
} from './sandbox-client.js';

describe.each(ANSWERS)('offerit client against the sandbox (%s answers)', (answers) => {
  let running: Running;
  const operations: string[] = [];
  const reported: { operation: string; status: number | undefined }[] = [];
  beforeEach(async () => {
    operations.length = 0;
    reported.length = 0;
    running = await startSandbox(
      { fixtures: sampleFixtures(), answers },
      {
        hooks: {
          beforeRequest: (operation) => {
            operations.push(operation);
            return Promise.resolve();
          },
          afterResponse: ({ operation, status }) => reported.push({ operation, status }),
        },
      },
    );
  });
  afterEach(() => running.sandbox.stop());

  it('ping goes through the hooks with an operation name and no query string', async () => {
    await running.client.ping();
    await running.client.getDetails({ offerid: '400' });
    expect(operations).toEqual(['GET /service/ping', 'GET /offer/get_details']);
    expect(reported).toEqual([
      { operation: 'GET /service/ping', status: 200 },
      { operation: 'GET /offer/get_details', status: 200 },
    ]);
  });

  it('addOffer posts a PHP form and returns the new ids; getDetails reads the record back', async () => {
    const created = await running.client.addOffer({
      name: 'New offer',
      url: 'https://x.example/?c=%%click_hash%%',
      authorized: ['GB', 'FR'],
      hidden: true,
      commission_type: 'cpa',
      flat_amount_per_conversion: '3.3',
      conversion_type: 'post',
    });
    // The sample fixtures hold offers 400–406 and landing pages 432–438.
    expect(created).toEqual({ offerid: '407', landing_pageid: '439' });
    const logged = running.sandbox.runtime.log.entries(
      (entry) => entry.path === '/api/offer/add_offer',
    )[0]!;
    expect(logged.method).toBe('POST');
    expect(logged.params).toMatchObject({ authorized: ['GB', 'FR'], hidden: '1' });
    const [offer] = await running.client.getDetails({ offerid: created.offerid });
    expect(offer).toMatchObject({
      offerid: '407',
      name: 'New offer',
      hidden: '1',
      active: '1',
      authorized: ['GB', 'FR'],
      conversion_type: 'post',
      goals: [],
    });
    expect(offer!.date_added).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('editOffer, pauseOffer and activateOffer change the offer and keep date_added', async () => {
    const [before] = await running.client.getDetails({ offerid: 401 });
    expect(
      await running.client.editOffer({
        offerid: 401,
        name: 'Renamed',
        advertiser_cost_perc: '55',
      }),
    ).toBe('offer_saved');
    expect(await running.client.pauseOffer({ offerid: '401' })).toBe('Offer expired.');
    let [offer] = await running.client.getDetails({ offerid: '401' });
    expect(offer).toMatchObject({ name: 'Renamed', advertiser_cost_perc: '55.00', active: '0' });
    expect(offer!.date_added).toBe(before!.date_added);
    // v2 answers `"result":"success"` in lower case (the documented answer); both are a success.
    expect(await running.client.activateOffer({ offerid: '401' })).toBe('Offer activated.');
    [offer] = await running.client.getDetails({ offerid: '401' });
    expect(offer).toMatchObject({ active: '1', date_expire: '' });
  });

  it('getDetails takes one id, a list of ids, a name or name_like; none found is an empty list', async () => {
    const ids = (offers: { offerid: string }[]) => offers.map((offer) => offer.offerid);
    expect(ids(await running.client.getDetails({ offerid: ['400', 402, '999'] }))).toEqual([
      '400',
      '402',
    ]);
    expect(ids(await running.client.getDetails({ name: 'VPN Annual Plan Revshare' }))).toEqual([
      '401',
    ]);
    expect(ids(await running.client.getDetails({ name_like: '%(paused)' }))).toEqual(['405']);
    expect(ids(await running.client.getDetails({ advertiserid: 2 }))).toEqual(['401', '406']);
    expect(await running.client.getDetails({ offerid: '9999' })).toEqual([]);
  });

  it.each<DetailsVariant>(['by-id', 'list', 'offers-by-id', 'offers-list'])(
    'reads the %s variant of get_details the same way',
    async (variant) => {
      running.sandbox.variants.apply({ variants: { detailsVariant: variant } });
      const offers = await running.client.getDetails({ offerid: '400,404' });
      expect(offers.map((offer) => offer.offerid)).toEqual(['400', '404']);
      expect(offers[0]!.goals!.map((goal) => goal.offer_goal_id)).toEqual(['48', '49']);
      // Goals carry their offer id, so a goal record alone names its offer.
      expect(offers[0]!.goals![0]!.offerid).toBe('400');
      expect(await running.client.getDetails({ offerid: '9999' })).toEqual([]);
    },
  );

  it('setOfferGoals adds and updates goals and returns every goal of the offer', async () => {
    const goals = await running.client.setOfferGoals({
      offerid: 400,
      goal_vars: [
        { offer_goal_id: 49, amount: '22.5' },
        {
          goal_id: 7,
          name: 'Upsell',
          commission_type: 'flat',
          amount: '2',
          revenue_type: 'sale',
          revenue_amount: '4',
        },
      ],
    });
    expect(goals.map((goal) => [goal.offer_goal_id, goal.name, goal.amount, goal.offerid])).toEqual(
      [
        ['48', 'Registration', '1.00', '400'],
        ['49', 'First Purchase', '22.50', '400'],
        ['52', 'Upsell', '2.00', '400'],
      ],
    );
    expect(
      running.sandbox.runtime.log.entries((e) => e.path === '/api/offer/set_offer_goals')[0]!
        .method,
    ).toBe('PATCH');
  });

  it('addCommissionChange returns the changeid; getCommissionChanges normalises every row', async () => {
    const { changeid } = await running.client.addCommissionChange({
      offerid: 400,
      type: 'standard',
      loginid: 7,
      goalid: 49,
      countries: ['GB', 'DE'],
      percentage_of_customer_conversion: '12.5',
    });
    expect(changeid).toBe('65');
    const changes = await running.client.getCommissionChanges({ offerid: '400' });
    expect(changes.map((change) => [change.changeid, change.goalid])).toEqual([
      ['0', '0'],
      ['59', '0'],
      ['0', '48'],
      ['60', '48'],
      ['0', '49'],
      ['65', '49'],
    ]);
    expect(changes.find((change) => change.changeid === '65')).toEqual({
      offerid: '400',
      changeid: '65',
      goalid: '49',
      type: 'standard',
      start_time: '',
      end_time: '',
      countries: ['DE', 'GB'],
      affiliates: { '7': 'push_network' },
      loginid: '7',
      percentage_of_customer_conversion: '12.5',
    });
    const temporary = (await running.client.getCommissionChanges({ offerid: 402 })).find(
      (c) => c.changeid === '62',
    );
    expect(temporary).toMatchObject({
      type: 'temporary',
      start_time: '2024-07-01 00:00:00',
      end_time: '2024-07-31 23:59:59',
    });
    const disabled = (await running.client.getCommissionChanges({ offerid: 406 })).find(
      (c) => c.changeid === '64',
    );
    expect(disabled).toMatchObject({
      type: 'disable',
      flat_amount_per_conversion: '0',
      loginid: '9',
    });
  });

  it('setCommissionChangePayouts changes payouts of a change and of a default change', async () => {
    expect(
      await running.client.setCommissionChangePayouts({
        offerid: 400,
        changeid: 59,
        flat_amount_per_conversion: '6.1',
      }),
    ).toBe('changes_saved');
    await running.client.setCommissionChangePayouts({
      offerid: 400,
      changeid: 0,
      goalid: 48,
      flat_amount_per_conversion: '0.9',
    });
    const changes = await running.client.getCommissionChanges({ offerid: 400 });
    expect(changes.find((c) => c.changeid === '59')!.flat_amount_per_conversion).toBe('6.1');
    expect(
      changes.find((c) => c.changeid === '0' && c.goalid === '48')!.flat_amount_per_conversion,
    ).toBe('0.9');
  });

  it('searchAffiliates filters by email and never returns password hashes or API keys', async () => {
    const raw = await fetch(`${running.baseUrl}/affiliate/search?loginid=3`, {
      headers: running.headers,
    });
    const onTheWire = JSON.stringify(await raw.json());
    expect(onTheWire).toMatch(/"password":"\$2y\$10\$/);
    expect(onTheWire).toMatch(/"api_key":"[0-9a-f]{32}"/);
    const found = await running.client.searchAffiliates({ email: 'TOM@leadgen.example' });
    expect(found).toEqual([
      {
        loginid: '4',
        username: 'leadgen_tom',
        email: 'tom@leadgen.example',
        first_name: 'Tom',
        last_name: 'Price',
        company: 'LeadGen Ltd',
        status: 'approved',
      },
    ]);
    expect(await running.client.searchAffiliates({ email: 'nobody@example.com' })).toEqual([]);
  });
});

describe('offerit client request encoding', () => {
  it('sends GET parameters in the query string, POST and PATCH ones in a form body', async () => {
    const sandbox = createOfferitSandbox({ username: USERNAME, apiKey: API_KEY });
    const seen: { method: string; query: string; type: string | undefined }[] = [];
    sandbox.app.addHook('onRequest', (request, _reply, done) => {
      seen.push({
        method: request.method,
        query: request.url.split('?')[1] ?? '',
        type: request.headers['content-type'],
      });
      done();
    });
    const baseUrl = await sandbox.start('127.0.0.1', 0);
    try {
      const client = createOfferitClient(clientConfig(baseUrl));
      const { offerid } = await client.addOffer({ name: 'A', url: 'https://a.example/' });
      await client.pauseOffer({ offerid });
      await client.getDetails({ offerid });
      await client.searchAffiliates({ email: 'a@b.example' });
      expect(seen.map(({ method, type }) => [method, type])).toEqual([
        ['POST', 'application/x-www-form-urlencoded'],
        ['PATCH', 'application/x-www-form-urlencoded'],
        ['GET', undefined],
        ['GET', undefined],
      ]);
      expect(seen.slice(0, 2).map((request) => request.query)).toEqual(['', '']);
      expect(seen[2]!.query).toMatch(/^return_columns=[^&]+&offerid=400$/);
      expect(seen[3]!.query).toBe('email=a%40b.example');
    } finally {
      await sandbox.stop();
    }
  });
});
