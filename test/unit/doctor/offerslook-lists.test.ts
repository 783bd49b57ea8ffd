// Offerslook's events, affiliate payouts and affiliates classified from raw `data`: flat rows,
// payouts flat or side by side with their tier, and the forms statuses and times come in.
import { describe, expect, it } from 'vitest';
import {
  classifyAffiliateRows,
  classifyEventRows,
  classifyPayoutRows,
  unexpectedPayoutKeys,
} from '../../../src/doctor/probe/offerslook-lists.js';

const page = (rowset: unknown) => ({ rowset, totalPages: 1 });
const payout = {
  id: 1,
  offer_id: 501,
  affiliate_id: 201,
  current_payout: '4.80',
  create_time: 1478088797,
};
const tier = { user_id: 3, time_interval_type: 0, tier_item: [] };

describe('classifyEventRows', () => {
  it('reads seed 000 events and names rows that are not events', () => {
    expect(
      classifyEventRows(
        page([{ id: 1, name: 'Default', status: 'Active', create_time: '2016-11-02 12:13:17' }]),
      ),
    ).toEqual({
      ok: true,
      variant: { rows: 'flat', status: 'capitalised', timestamps: 'date-time' },
    });
    expect(classifyEventRows(page([{ id: 1 }]))).toEqual({
      ok: false,
      problem: 'rows are not offer events: no id and name (data.rowset[0]: {id})',
    });
  });
});

describe('classifyPayoutRows', () => {
  it("reads flat rows with the tier nested, and seed 002's side-by-side shape", () => {
    expect(classifyPayoutRows(page([{ ...payout, affiliate_tier: tier }]))).toEqual({
      ok: true,
      variant: { rows: 'flat', tiers: 'nested', timestamps: 'unix' },
    });
    expect(classifyPayoutRows(page([{ affiliate_payout: payout, affiliate_tier: tier }]))).toEqual({
      ok: true,
      variant: { rows: 'side by side', tiers: 'nested', timestamps: 'unix' },
    });
    expect(classifyPayoutRows(page([]))).toMatchObject({
      variant: { rows: 'empty', tiers: 'none' },
    });
  });

  it('names rows of another shape, and lists undeclared keys', () => {
    expect(classifyPayoutRows(page([{ payout: 1 }]))).toEqual({
      ok: false,
      problem:
        'rows are neither flat payouts nor {affiliate_payout, affiliate_tier} (data.rowset[0]: {payout})',
    });
    expect(
      unexpectedPayoutKeys([{ ...payout, note: '', affiliate_tier: { ...tier, level: 1 } }]),
    ).toEqual(['note', 'affiliate_tier.level']);
  });
});

describe('classifyAffiliateRows', () => {
  it('reads affiliates and their status case', () => {
    expect(classifyAffiliateRows(page([{ id: 201, status: 'active' }]))).toEqual({
      ok: true,
      variant: { rows: 'flat', status: 'lower' },
    });
  });
});
