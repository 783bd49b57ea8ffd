// Entity-view records into write parameters: what is sent, what is skipped, what is refused.
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import { commissionPayoutUpdate } from '../../../src/platforms/offerit/commission-update.js';
import {
  commissionParams,
  goalVars,
  offerParams,
} from '../../../src/platforms/offerit/record-params.js';
import type { OfferitCommissionChange } from '../../../src/platforms/offerit/records.js';

describe('offer parameters', () => {
  const record = {
    offerid: '400',
    active: '1',
    date_added: '2024-01-01 00:00:00',
    goals: [{ offer_goal_id: '48' }],
    landing_pages: [],
    name: 'A',
    url: 'https://a.example',
    authorized: ['GB', 'DE'],
    unauthorized: [],
    commission_type: '',
    flat_amount_per_conversion: '4.50',
  };

  it('on create: skips read-only fields and empty values', () => {
    expect(offerParams(record, 'create')).toEqual({
      name: 'A',
      url: 'https://a.example',
      authorized: ['GB', 'DE'],
      flat_amount_per_conversion: '4.50',
    });
  });

  it('on update: sends empty values as empty text, which clears them', () => {
    expect(offerParams({ commission_type: '', unauthorized: [], name: 'B' }, 'update')).toEqual({
      commission_type: '',
      unauthorized: '',
      name: 'B',
    });
  });

  it('refuses fields add_offer does not have, naming each', () => {
    const refused = () => offerParams({ name: 'A', payout: '1', revenue_type: 'RPA' }, 'update');
    expect(refused).toThrow(PlatformError);
    expect(refused).toThrow(
      'offerit offer: cannot write payout, revenue_type (not an add_offer field)',
    );
  });
});

describe('goal_vars', () => {
  it('skips ids, sends the writable fields and refuses unknown ones', () => {
    const goal = {
      offer_goal_id: '48',
      offerid: '400',
      goal_id: '1',
      name: 'Lead',
      amount: '2.00',
    };
    expect(goalVars(goal, 'create')).toEqual({ goal_id: '1', name: 'Lead', amount: '2.00' });
    expect(goalVars({ amount: '3', revenue_type: '' }, 'update')).toEqual({
      amount: '3',
      revenue_type: '',
    });
    expect(() => goalVars({ status: 'active' }, 'update')).toThrow('cannot write status');
  });

  it('gives a new goal without goal_id the default one, or refuses it when there is none', () => {
    expect(goalVars({ name: 'Sale', offerid: '400' }, 'create', '7')).toEqual({
      name: 'Sale',
      goal_id: '7',
    });
    expect(() => goalVars({ name: 'Sale' }, 'create')).toThrow('a new goal needs a goal_id');
    expect(goalVars({ name: 'Sale' }, 'update')).toEqual({ name: 'Sale' });
  });
});

describe('add_commission_change parameters', () => {
  it('turns a one-affiliate record into loginid and leaves empty restrictions out', () => {
    expect(
      commissionParams(
        {
          changeid: '59',
          type: 'temporary',
          goalid: '0',
          affiliates: { '3': 'anna' },
          countries: [],
          start_time: '2025-01-01 00:00:00',
          end_time: '',
          flat_amount_per_conversion: '5.25',
          subaff: '',
        },
        '400',
      ),
    ).toEqual({
      offerid: '400',
      type: 'temporary',
      loginid: '3',
      countries: undefined,
      goalid: undefined,
      start_time: '2025-01-01 00:00:00',
      end_time: undefined,
      subaff: undefined,
      subaff2: undefined,
      subaff3: undefined,
      subaff4: undefined,
      subaff5: undefined,
      flat_amount_per_click: undefined,
      flat_amount_per_visitor: undefined,
      flat_amount_per_conversion: '5.25',
      flat_amount_per_continuity: undefined,
      percentage_of_customer_conversion: undefined,
      percentage_of_customer_continuity: undefined,
    });
  });

  it('reads dates without a type as temporary, and refuses fields it cannot send', () => {
    expect(commissionParams({ loginid: '3', start_time: '2025-01-01 00:00:00' }, '1').type).toBe(
      'temporary',
    );
    expect(commissionParams({ loginid: '3' }, '1').type).toBe('standard');
    expect(() => commissionParams({ loginid: '3', affiliate_id: '9' }, '1')).toThrow(
      'cannot write affiliate_id (not an add_commission_change field)',
    );
  });

  it('refuses a change restricted to more than one affiliate (the API takes one)', () => {
    expect(() => commissionParams({ affiliates: { '3': 'a', '4': 'b' } }, '400')).toThrow(
      'one affiliate at most',
    );
  });
});

describe('set_commission_change_payouts from an update', () => {
  const current: OfferitCommissionChange = {
    offerid: '400',
    changeid: '59',
    goalid: '48',
    type: 'standard',
    start_time: '',
    end_time: '',
    countries: ['DE', 'GB'],
    affiliates: { '3': 'anna' },
    loginid: '3',
    flat_amount_per_conversion: '5.25',
    flat_amount_per_click: '0.10',
  };

  it('merges the changed payouts into all six and keeps the goal', () => {
    expect(commissionPayoutUpdate(current, { flat_amount_per_conversion: '6' })).toEqual({
      offerid: '400',
      changeid: '59',
      goalid: '48',
      flat_amount_per_click: '0.10',
      flat_amount_per_visitor: '',
      flat_amount_per_conversion: '6',
      flat_amount_per_continuity: '',
      percentage_of_customer_conversion: '',
      percentage_of_customer_continuity: '',
    });
  });

  it('lets unchanged non-payout fields through (in any order) and refuses changed ones', () => {
    expect(() =>
      commissionPayoutUpdate(current, {
        countries: ['GB', 'DE'],
        affiliates: { '3': 'anna' },
        loginid: '3',
        flat_amount_per_click: '1',
      }),
    ).not.toThrow();
    expect(() => commissionPayoutUpdate(current, { countries: ['FR'], loginid: '4' })).toThrow(
      'offerit commission change: cannot write countries, loginid (only payouts can change)',
    );
  });
});
