// get_details classified from raw answers of each contract variant: the four message shapes, the
// two column vocabularies, return_columns honoured or ignored, and answers that hold no offers.
import { describe, expect, it } from 'vitest';
import {
  detailColumns,
  detailsShape,
  returnColumnsHonoured,
  unexpectedDetailKeys,
} from '../../../src/doctor/probe/offerit-details.js';

const v1Record = {
  offerid: '400',
  name: 'Summer Dating CPA',
  advertiser_cost_type: 'conversion',
  authorized: 'GB,DE',
  flat_amount_per_conversion: '4.50',
  goals: [{ offer_goal_id: '48', goal_id: '1', name: 'Registration' }],
};
const v2Record = {
  offerid: '400',
  name: 'Summer Dating CPA',
  cost_type: 'conversion',
  authorized_countries_iso: 'GB,DE',
  advertiser_username: 'acme_media',
};
const envelope = (message: unknown) => ({ result: 'Success', message });

describe('detailsShape', () => {
  it.each([
    ['by-id', envelope({ 400: v1Record, 401: { ...v1Record, offerid: '401' } }), 'message["400"]'],
    ['list', envelope([v1Record]), 'message[0]'],
    ['offers-by-id', envelope({ offers: { 400: v1Record } }), 'message.offers["400"]'],
    ['offers-list', envelope({ offers: [v1Record] }), 'message.offers[0]'],
  ])('reads %s', (variant, answer, where) => {
    const shape = detailsShape(answer);
    expect(shape).toMatchObject({ ok: true, message: variant });
    expect(shape.ok && shape.records[0]?.where).toBe(where);
  });

  it("reads PHP's empty answer ([] or {}) as empty, whatever the variant", () => {
    expect(detailsShape(envelope([]))).toEqual({ ok: true, message: 'empty', records: [] });
    expect(detailsShape(envelope({}))).toEqual({ ok: true, message: 'empty', records: [] });
    expect(detailsShape(envelope({ offers: [] }))).toEqual({
      ok: true,
      message: 'empty',
      records: [],
    });
  });

  it('names records that are not offers by where they sit and their keys, never their values', () => {
    const shape = detailsShape(envelope([{ row_type: 'summary', total: 'secret-ish-value' }]));
    expect(shape).toEqual({
      ok: false,
      problem: 'records are not offers: no offerid or name (message[0]: {row_type, total})',
    });
    expect(detailsShape(envelope('offer_saved'))).toEqual({
      ok: false,
      problem: 'message is neither offers keyed by id nor a list of offers (message: text)',
    });
    expect(detailsShape(envelope({ 400: 'x' }))).toMatchObject({
      problem: 'records are not offers: no offerid or name (message["400"]: text)',
    });
  });
});

describe('detailColumns', () => {
  it('tells the documented vocabulary from the add_offer names', () => {
    expect(detailColumns([v2Record])).toBe('documented');
    expect(detailColumns([v1Record])).toBe('add_offer names');
    expect(detailColumns([v1Record, v2Record])).toBe('both');
    expect(detailColumns([{ offerid: '1', name: 'x' }])).toBe('cannot tell');
  });
});

describe('returnColumnsHonoured', () => {
  const asked = ['name', 'cost_type'];
  it('is ignored when an answer asked for columns carries others', () => {
    expect(returnColumnsHonoured(asked, [v2Record], [v2Record])).toBe('ignored');
  });
  it('is honoured when only the asked columns come back and the full record has more', () => {
    const only = { offerid: '400', name: 'x', cost_type: 'conversion' };
    expect(returnColumnsHonoured(asked, [only], [v2Record])).toBe('honoured');
    expect(returnColumnsHonoured(asked, [only], [only])).toBe('cannot tell');
  });
});

describe('unexpectedDetailKeys', () => {
  it('lists keys neither the offer nor the goal schema declares; documented aliases are known', () => {
    const record = {
      ...v2Record,
      goals: [{ offer_goal_id: '48', goal_id: '1', name: 'x', sort: 1 }],
    };
    expect(unexpectedDetailKeys([record])).toEqual(['advertiser_username', 'goals[].sort']);
    expect(unexpectedDetailKeys([v1Record])).toEqual([]);
  });
});
