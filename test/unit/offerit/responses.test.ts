// Response schemas: the seeds' example payloads verbatim and every ASSUMED variant of the contract.
import { describe, expect, it } from 'vitest';
import {
  addCommissionChangeResponseSchema,
  addOfferResponseSchema,
  affiliateSearchResponseSchema,
  commissionChangesResponseFor,
  getDetailsResponseSchema,
  isSuccessResult,
  responseTime,
  setOfferGoalsResponseSchema,
  statusResponseSchema,
} from '../../../src/platforms/offerit/wire/index.js';

describe('envelope', () => {
  it('compares result case-insensitively', () => {
    expect(['Success', 'success', 'SUCCESS', ' success '].map(isSuccessResult)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['Failure', 'failed', ''].map(isSuccessResult)).toEqual([false, false, false]);
  });
});

describe('seed example responses', () => {
  it('seed 001 add_offer, verbatim', () => {
    const body = '{ "result":"Success", "message":{ "landing_pageid":"432", "offerid":"400" } }';
    expect(addOfferResponseSchema.parse(JSON.parse(body))).toEqual({
      landing_pageid: '432',
      offerid: '400',
    });
  });

  it('seed 004 edit_offer, verbatim', () => {
    const body = '{\n    "result":"Success",\n    "message": "offer_saved"\n}';
    expect(statusResponseSchema.parse(JSON.parse(body))).toBe('offer_saved');
  });

  it('seed 003 add_commission_change: the page quotes with apostrophes, which is not JSON; as JSON it reads', () => {
    const verbatim = `{ "result":"Success", "message": 'changes_saved', "changeid": 59 }`;
    expect(() => JSON.parse(verbatim) as unknown).toThrow();
    const asJson = verbatim.replace(`'changes_saved'`, '"changes_saved"');
    expect(addCommissionChangeResponseSchema.parse(JSON.parse(asJson))).toEqual({ changeid: '59' });
    // Tolerant of the id under message, refusing an answer with none.
    expect(
      addCommissionChangeResponseSchema.parse({ result: 'success', message: { changeid: '60' } }),
    ).toEqual({
      changeid: '60',
    });
    expect(
      addCommissionChangeResponseSchema.safeParse({ result: 'Success', message: 'changes_saved' })
        .success,
    ).toBe(false);
  });
});

describe('get_details variants', () => {
  const offer400 = {
    offerid: '400',
    name: 'A',
    flat_amount_per_conversion: 15.5,
    authorized: 'DE,ES',
    active: '1',
  };
  const offer401 = {
    offerid: 401,
    name: 'B',
    commission_type: '201',
    goals: [{ offer_goal_id: 48, goal_id: '1', name: 'Lead' }],
  };
  const ids = (message: unknown) =>
    getDetailsResponseSchema.parse({ result: 'Success', message }).map((offer) => offer.offerid);

  it('reads an object keyed by id, an array, and either under message.offers', () => {
    expect(ids({ '400': offer400, '401': offer401 })).toEqual(['400', '401']);
    expect(ids([offer400, offer401])).toEqual(['400', '401']);
    expect(ids({ offers: { '400': offer400, '401': offer401 } })).toEqual(['400', '401']);
    expect(ids({ offers: [offer400, offer401] })).toEqual(['400', '401']);
  });

  it('reads an empty result in any shape PHP sends it', () => {
    for (const message of [[], {}, { offers: [] }, { offers: {} }])
      expect(ids(message)).toEqual([]);
  });

  it('takes the id from the key when a keyed record leaves offerid out; amounts stay exact text', () => {
    const [offer] = getDetailsResponseSchema.parse({
      result: 'Success',
      message: { '400': { name: 'A', advertiser_cost_flat: 0.1 } },
    });
    expect(offer).toMatchObject({ offerid: '400', advertiser_cost_flat: '0.1' });
    const [first] = getDetailsResponseSchema.parse({ result: 'Success', message: [offer400] });
    expect(first).toMatchObject({ flat_amount_per_conversion: '15.5', authorized: ['DE', 'ES'] });
  });

  it('refuses a record outside the records.ts schema', () => {
    const parsed = getDetailsResponseSchema.safeParse({
      result: 'Success',
      message: [{ offerid: '1', name: 'x', conversion_type: 'pixel' }],
    });
    expect(parsed.success).toBe(false);
    expect(
      getDetailsResponseSchema.safeParse({ result: 'Success', message: 'no offers' }).success,
    ).toBe(false);
  });
});

describe('set_offer_goals answer (ASSUMED)', () => {
  it('reads message.goals, a bare list, or goals keyed by offer_goal_id', () => {
    const goal = { offer_goal_id: '48', goal_id: '1', name: 'Lead', amount: 2 };
    for (const message of [{ goals: [goal] }, [goal], { '48': goal }]) {
      expect(setOfferGoalsResponseSchema.parse({ result: 'Success', message })).toEqual([
        { offer_goal_id: '48', goal_id: '1', name: 'Lead', amount: '2' },
      ]);
    }
  });
});

describe('get_commission_changes', () => {
  // The documented sample, verbatim (contract section 1).
  const documented = `{"result":"Success","message":{"changes":[
  {"Change Id":0,"Start Time":"Never","End Time":"Never","Countries":["All"]},
  {"Change Id":46,"Start Time":"Never","End Time":"Never","Countries":["All"],
   "Affiliates":{"43":"affname"},"Flat Conversion Payout":3,"Percentage Conversion Payout":5},
  {"Change Id":45,"Start Time":"2016-06-16 21:01:33","End Time":"Never",
   "Countries":{"826":"GB","276":"DE"},"Page View Payout":5,"Unique Visitor Payout":2,
   "Flat Conversion Payout":3,"Flat Continuity Payout":4,
   "Percentage Conversion Payout":5,"Percentage Continuity Payout":6},
  {"Change Id":0,"offer_goal_id":48,"Start Time":"Never","End Time":"Never","Countries":["All"]}]}}`;

  it('normalises the documented sample into commission-change records', () => {
    const records = commissionChangesResponseFor('12').parse(JSON.parse(documented));
    expect(records).toEqual([
      {
        offerid: '12',
        changeid: '0',
        goalid: '0',
        type: 'standard',
        start_time: '',
        end_time: '',
        countries: [],
        affiliates: {},
      },
      {
        offerid: '12',
        changeid: '46',
        goalid: '0',
        type: 'standard',
        start_time: '',
        end_time: '',
        countries: [],
        affiliates: { '43': 'affname' },
        loginid: '43',
        flat_amount_per_conversion: '3',
        percentage_of_customer_conversion: '5',
      },
      {
        offerid: '12',
        changeid: '45',
        goalid: '0',
        type: 'temporary',
        start_time: '2016-06-16 21:01:33',
        end_time: '',
        countries: ['DE', 'GB'],
        affiliates: {},
        flat_amount_per_click: '5',
        flat_amount_per_visitor: '2',
        flat_amount_per_conversion: '3',
        flat_amount_per_continuity: '4',
        percentage_of_customer_conversion: '5',
        percentage_of_customer_continuity: '6',
      },
      {
        offerid: '12',
        changeid: '0',
        goalid: '48',
        type: 'standard',
        start_time: '',
        end_time: '',
        countries: [],
        affiliates: {},
      },
    ]);
  });

  it('reads unix timestamps, PHP empty maps, all-zero payouts as disable, and keeps unknown keys', () => {
    const [row] = commissionChangesResponseFor('1').parse({
      result: 'Success',
      message: [
        {
          'Change Id': '7',
          'Start Time': '1466110893',
          Countries: ['gb'],
          Affiliates: [],
          'Flat Conversion Payout': '0.10',
          Extra: 'x',
        },
      ],
    });
    expect(row).toMatchObject({
      type: 'temporary',
      start_time: '2016-06-16 21:01:33',
      countries: ['GB'],
      affiliates: {},
      Extra: 'x',
    });
    expect(row!.loginid).toBeUndefined();
    const [disabled] = commissionChangesResponseFor('1').parse({
      result: 'Success',
      message: {
        changes: [
          {
            'Change Id': 8,
            Affiliates: { '5': 'a', '6': 'b' },
            'Flat Conversion Payout': 0,
            'Page View Payout': '0.00',
          },
        ],
      },
    });
    // Two affiliates: no single loginid.
    expect(disabled).toMatchObject({ type: 'disable', affiliates: { '5': 'a', '6': 'b' } });
    expect(disabled!.loginid).toBeUndefined();
    expect(responseTime('Never')).toBe('');
    expect(responseTime('0')).toBe('');
  });

  it('refuses rows without a Change Id or with a non-decimal payout', () => {
    expect(
      commissionChangesResponseFor('1').safeParse({
        result: 'Success',
        message: { changes: [{ Countries: ['All'] }] },
      }).success,
    ).toBe(false);
    expect(
      commissionChangesResponseFor('1').safeParse({
        result: 'Success',
        message: { changes: [{ 'Change Id': 1, 'Flat Conversion Payout': 'lots' }] },
      }).success,
    ).toBe(false);
  });
});

describe('affiliate/search', () => {
  const record = (loginid: string) => ({
    loginid,
    username: `aff${loginid}`,
    email: `aff${loginid}@example.com`,
    password: '$2y$10$abcdefghijklmnopqrstuv',
    api_key: '0123456789abcdef0123456789abcdef',
    password_hash: 'x',
    status: 'approved',
  });

  it('reads the object keyed by loginid, a list, and [] for none; secrets are cut off', () => {
    const keyed = affiliateSearchResponseSchema.parse({
      result: 'Success',
      message: { '3': record('3'), '4': record('4') },
    });
    expect(keyed).toEqual([
      { loginid: '3', username: 'aff3', email: 'aff3@example.com', status: 'approved' },
      { loginid: '4', username: 'aff4', email: 'aff4@example.com', status: 'approved' },
    ]);
    expect(
      affiliateSearchResponseSchema.parse({ result: 'Success', message: [record('5')] }),
    ).toHaveLength(1);
    expect(affiliateSearchResponseSchema.parse({ result: 'Success', message: [] })).toEqual([]);
    const { loginid: _drop, ...noId } = record('9');
    expect(
      affiliateSearchResponseSchema.parse({ result: 'Success', message: { '9': noId } })[0]!
        .loginid,
    ).toBe('9');
  });
});

describe('affiliate/search, v2: the documented bare reply', () => {
  const record = { loginid: '3', username: 'anna', email: 'a@b.c', password: 'h', api_key: 'k' };

  it('reads the bare object keyed by loginid, {} and [] for none, and cuts secrets off', () => {
    expect(affiliateSearchResponseSchema.parse({ '3': record })).toEqual([
      { loginid: '3', username: 'anna', email: 'a@b.c' },
    ]);
    expect(affiliateSearchResponseSchema.parse({})).toEqual([]);
    expect(affiliateSearchResponseSchema.parse([])).toEqual([]);
    // The same inside a success envelope (v1) reads the same.
    expect(
      affiliateSearchResponseSchema.parse({ result: 'success', message: { '3': record } }),
    ).toEqual(affiliateSearchResponseSchema.parse({ '3': record }));
    expect(affiliateSearchResponseSchema.safeParse({ '3': 'not a record' }).success).toBe(false);
  });
});

describe('get_details, v2: the documented column names', () => {
  const parse = (record: Record<string, unknown>) =>
    getDetailsResponseSchema.parse({ result: 'Success', message: [record] })[0]!;

  it('reads cost_* and authorized_countries_iso under their add_offer names', () => {
    expect(
      parse({
        offerid: '1',
        name: 'x',
        cost_type: 'sale',
        cost_flat: '1.5',
        cost_perc: 20,
        authorized_countries_iso: 'GB,DE',
      }),
    ).toEqual({
      offerid: '1',
      name: 'x',
      advertiser_cost_type: 'sale',
      advertiser_cost_flat: '1.5',
      advertiser_cost_perc: '20',
      authorized: ['GB', 'DE'],
    });
  });

  it('never reads the undocumented payout-like columns as payouts', () => {
    const offer = parse({ offerid: '1', name: 'x', commission: '5', affiliate_payout: '4' });
    expect(offer).not.toHaveProperty('flat_amount_per_conversion');
    expect(offer).toMatchObject({ commission: '5', affiliate_payout: '4' });
  });

  it('refuses a documented column with a bad value, naming the add_offer field', () => {
    const parsed = getDetailsResponseSchema.safeParse({
      result: 'Success',
      message: [{ offerid: '1', name: 'x', cost_type: 'cpm' }],
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues[0]!.path)).toContain('advertiser_cost_type');
  });
});

describe('get_commission_changes, v2: the documented sample', () => {
  const documented = `{"result":"Success","message":{"changes":[
  {"Change Id":0,"Start Time":"Never","End Time":"Never","Countries":["All"],
   "Flat Conversion Payout":4.5,"Percentage Conversion Payout":10},
  {"Change Id":47,"Start Time":"Never","End Time":"Never",
   "Countries":{"004":"AF","008":"AL","248":"AX"},
   "Sub Affiliates":{"Subaff":"a","Subaff 2":"b","Subaff 3":"c","Subaff 4":"d","Subaff 5":"e"},
   "CPM Payout":7,"Flat Conversion Payout":3},
  {"Change Id":48,"Start Time":"Never","End Time":"Never","Countries":["All"]},
  {"Change Id":0,"offer_goal_id":48,"Start Time":"Never","End Time":"Never","Countries":["All"],
   "Pay Affiliate Managers":true,"Pay Referring Affiliates":false,"Flat Conversion Payout":1}]}}`;
  const rows = commissionChangesResponseFor('9').parse(JSON.parse(documented));

  it('reads the default row with the offer’s payouts', () => {
    expect(rows[0]).toMatchObject({
      changeid: '0',
      goalid: '0',
      flat_amount_per_conversion: '4.5',
      percentage_of_customer_conversion: '10',
    });
  });

  it('reads zero-padded country keys, the Sub Affiliates map and the CPM payout', () => {
    expect(rows[1]).toEqual({
      offerid: '9',
      changeid: '47',
      goalid: '0',
      type: 'standard',
      start_time: '',
      end_time: '',
      countries: ['AF', 'AL', 'AX'],
      affiliates: {},
      subaff: 'a',
      subaff2: 'b',
      subaff3: 'c',
      subaff4: 'd',
      subaff5: 'e',
      cpm_payout: '7',
      flat_amount_per_conversion: '3',
    });
  });

  it('reads a row with no payout keys as nothing set (never 0)', () => {
    const none = rows[2]!;
    for (const field of ['flat_amount_per_conversion', 'flat_amount_per_click', 'cpm_payout'])
      expect(none).not.toHaveProperty(field);
    expect(none.type).toBe('standard');
  });

  it('reads JSON booleans of goal rows as 1/0', () => {
    expect(rows[3]).toMatchObject({
      goalid: '48',
      aff_manager_payout: '1',
      aff_referral_payout: '0',
      flat_amount_per_conversion: '1',
    });
  });

  it('reads v1’s top-level Subaff labels and an empty Sub Affiliates map', () => {
    const [flat, empty] = commissionChangesResponseFor('9').parse({
      result: 'Success',
      message: [
        { 'Change Id': 1, Subaff: 'x', 'Subaff 3': 'z' },
        { 'Change Id': 2, 'Sub Affiliates': [] },
      ],
    });
    expect(flat).toMatchObject({ subaff: 'x', subaff3: 'z' });
    expect(empty).not.toHaveProperty('subaff');
  });
});
