// Offerslook offer reads classified from raw `data` of each variant: flat rows, nested batch rows
// with `contains` honoured or ignored, `/all`, and the forms statuses, times and geo come in.
import { describe, expect, it } from 'vitest';
import {
  classifyBatchRows,
  classifyOfferAll,
  classifyOfferRows,
  unexpectedNestedKeys,
  unexpectedOfferKeys,
} from '../../../src/doctor/probe/offerslook-offers.js';

const v1Offer = {
  id: 501,
  name: 'VPN',
  status: 'active',
  create_time: 1478088797,
  update_time: '1478088797',
  offer_geo: { type: 1, countries: ['US'] },
};
const v2Offer = {
  id: 501,
  name: 'VPN',
  status: 'Active',
  create_time: '2016-11-02 12:13:17',
  update_time: '2016-11-02 12:13:17',
  start_date: null,
  end_date: null,
  offer_geo: { target: [{ type: 1, country: 'United States', country_code: 'US' }] },
};
const page = (rowset: unknown) => ({ rowset, totalPages: 1, totalRows: 1, offset: 1, limit: 20 });
const event = { id: 1, name: 'Default', status: 'active' };

describe('classifyOfferRows (/v1/offers)', () => {
  it('reads v1 and v2 offers', () => {
    expect(classifyOfferRows(page([v1Offer]))).toEqual({
      ok: true,
      variant: { rows: 'flat', status: 'lower', timestamps: 'unix', geo: 'countries' },
    });
    expect(classifyOfferRows(page([v2Offer]))).toEqual({
      ok: true,
      variant: {
        rows: 'flat',
        status: 'capitalised',
        timestamps: 'date-time/null',
        geo: 'target[]',
      },
    });
  });

  it('reads an empty page (a null rowset included)', () => {
    expect(classifyOfferRows(page(null))).toMatchObject({ ok: true, variant: { rows: 'empty' } });
  });

  it('names nested rows and rows that are not offers', () => {
    expect(classifyOfferRows(page([{ offer: v1Offer, offer_event: [event] }]))).toEqual({
      ok: false,
      problem:
        'rows are nested by resource (as /v1/batches answers), not flat offers (data.rowset[0]: {offer, offer_event})',
    });
    expect(classifyOfferRows(page([v1Offer, { total: 3 }]))).toEqual({
      ok: false,
      problem: 'rows are not offers: no id or name (data.rowset[1]: {total})',
    });
    expect(classifyOfferRows({ offers: [] })).toEqual({
      ok: false,
      problem: 'data has no rowset list (data: {offers})',
    });
  });
});

describe('classifyBatchRows (/v1/batches/offers)', () => {
  it('tells contains honoured from ignored', () => {
    expect(
      classifyBatchRows(
        page([{ offer: v2Offer, offer_event: [event], offer_geo: v2Offer.offer_geo }]),
      ),
    ).toMatchObject({
      ok: true,
      variant: { rows: 'nested', contains: 'honoured', geo: 'target[]' },
    });
    expect(classifyBatchRows(page([{ offer: v1Offer }]))).toMatchObject({
      ok: true,
      variant: { rows: 'nested', contains: 'ignored', status: 'lower' },
    });
  });

  it('names rows of another shape', () => {
    expect(classifyBatchRows(page([v1Offer]))).toEqual({
      ok: false,
      problem:
        'rows are flat offers, not {offer, offer_event} (data.rowset[0]: {id, name, status, create_time, update_time, offer_geo})',
    });
    expect(classifyBatchRows(page([{ row_type: 'summary', totals: {} }]))).toEqual({
      ok: false,
      problem:
        'rows are neither flat offers nor {offer, offer_event} (data.rowset[0]: {row_type, totals})',
    });
  });
});

describe('classifyOfferAll (/v1/offers/{id}/all)', () => {
  it('reads the nested offer, with or without its events', () => {
    expect(classifyOfferAll({ offer: v2Offer, offer_event: [event] })).toMatchObject({
      ok: true,
      variant: { endpoint: 'available', events: 'nested', timestamps: 'date-time/null' },
    });
    expect(classifyOfferAll({ offer: v1Offer })).toMatchObject({ variant: { events: 'absent' } });
    expect(classifyOfferAll(v1Offer)).toMatchObject({ ok: false });
  });
});

describe('unexpected keys', () => {
  it('lists undeclared keys of offers, geos, events and rows, prefixed by where they sit', () => {
    expect(
      unexpectedOfferKeys([{ ...v1Offer, caps: 1, offer_geo: { type: 1, cities: [] } }]),
    ).toEqual(['caps', 'offer_geo.cities']);
    expect(
      unexpectedNestedKeys([
        { offer: { ...v1Offer, caps: 1 }, offer_event: [{ ...event, rank: 2 }], offer_cap: {} },
      ]),
    ).toEqual(['offer_cap', 'offer.caps', 'offer_event[].rank']);
  });
});
