// Every Offerslook wire schema against the seeds' own payloads (verbatim) and the contract's rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  affiliatePayoutCreatedSchema,
  affiliatePayoutDataSchema,
  affiliatePayoutRowSchema,
  affiliateWireSchema,
  createAffiliatePayoutBodySchema,
  createOfferBodySchema,
  createOfferEventBodySchema,
  envelopeSchema,
  listDataSchema,
  listQuerySchema,
  offerDataSchema,
  offerEventDataSchema,
  offerEventWireSchema,
  offerGeoWireSchema,
  offerWireSchema,
  updateAffiliatePayoutQuerySchema,
  updateOfferBodySchema,
  updateOfferEventBodySchema,
} from '../../../src/platforms/offerslook/wire/index.js';

// Seed payloads are free-form JSON; tests poke into them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../../fixtures/offerslook/${name}`, import.meta.url), 'utf8'));

const validOffer = {
  name: 'VPN',
  advertiser_id: 12,
  offer_approval: 2,
  revenue_type: 'RPA',
  payout_type: 'CPA',
};

describe('envelope and list data', () => {
  it('reads the success envelope and keeps data untouched', () => {
    const parsed = envelopeSchema.parse({
      code: 0,
      message: 'Success',
      data: { offer: { id: 1 } },
    });
    expect(parsed).toEqual({ code: 0, message: 'Success', data: { offer: { id: 1 } } });
  });

  it('reads a code sent as text and a failure without data', () => {
    expect(envelopeSchema.parse({ code: '429', message: 'Too many requests' }).code).toBe(429);
  });

  it('rejects a body without a code', () => {
    expect(envelopeSchema.safeParse({ message: 'Success', data: {} }).success).toBe(false);
  });

  it('reads list data with counters, and a null rowset as empty', () => {
    const schema = listDataSchema(affiliateWireSchema);
    const page = schema.parse({
      rowset: [{ id: 3, email: 'a@example.com' }],
      totalPages: '2',
      totalRows: 21,
      offset: 1,
      limit: 20,
    });
    expect(page).toMatchObject({ totalPages: 2, totalRows: 21, offset: 1, limit: 20 });
    expect(page.rowset[0]!.id).toBe('3');
    expect(schema.parse({ rowset: null }).rowset).toEqual([]);
    expect(schema.safeParse({ rowset: [{ email: 'no id' }] }).success).toBe(false);
  });

  it('checks list query parameters the way the sandbox receives them', () => {
    const parsed = listQuerySchema.parse({
      offset: '2',
      limit: '1000',
      sort: 'id,-name',
      fields: 'id,name',
      filters: { offer_id: { EQUAL_TO: '7' }, name: 'VPN' },
      contains: ['offer', 'offer,offer_event'],
    });
    // `filters[name]=VPN` is EQUAL_TO; of a repeated `contains=`, the last counts.
    expect(parsed).toMatchObject({
      offset: 2,
      limit: 1000,
      sort: 'id,-name',
      filters: { offer_id: { EQUAL_TO: '7' }, name: { EQUAL_TO: 'VPN' } },
      contains: 'offer,offer_event',
    });
    expect(listQuerySchema.parse({ sort: '+id' }).sort).toBe('+id');
    // A raw `sort=+id` arrives as " id": no field has that name, and nothing repairs it.
    const raw = listQuerySchema.safeParse({ sort: ' id' });
    expect(raw.success).toBe(false);
    expect(raw.error!.issues[0]!.message).toContain('a raw + in a query string is a space');
    expect(listQuerySchema.safeParse({ limit: '1001' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ offset: '0' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ filters: { id: { LIKE: '1' } } }).success).toBe(false);
    expect(listQuerySchema.safeParse({ page: '1' }).success).toBe(false);
  });
});

describe('offers', () => {
  it('reads an offer with amounts as exact decimal text and ids as text', () => {
    const offer = offerWireSchema.parse({
      id: 7,
      name: 'VPN',
      advertiser_id: 12,
      status: 'active',
      offer_approval: '2',
      revenue_type: 'RPA',
      revenue: 0.1,
      payout_type: 'CPA',
      payout: '2.80',
      percent_payout: '-1',
      start_date: 1700000000,
    });
    expect(offer).toMatchObject({
      id: '7',
      advertiser_id: '12',
      offer_approval: 2,
      revenue: '0.1',
      payout: '2.80',
    });
    expect(offer.percent_payout).toBe('-1');
  });

  it('reads GET one as {offer, offer_geo} and rejects an unknown pricing type', () => {
    const data = offerDataSchema.parse({
      offer: { id: 1, name: 'A', payout_type: 'CPA' },
      offer_geo: { type: 1, countries: ['us', 'GB'] },
    });
    expect(data.offer_geo).toEqual({ type: 1, countries: ['US', 'GB'] });
    expect(
      offerDataSchema.safeParse({ offer: { id: 1, name: 'A', payout_type: 'CPX' } }).success,
    ).toBe(false);
  });

  it('reads the target: [{country_code}] variant of offer_geo, and a comma list, as countries', () => {
    expect(
      offerGeoWireSchema.parse({
        type: 2,
        target: [{ country_code: 'de' }, { country_code: 'FR' }],
      }),
    ).toEqual({
      type: 2,
      countries: ['DE', 'FR'],
    });
    expect(offerGeoWireSchema.parse({ type: '1', countries: 'US, CA' })).toEqual({
      type: 1,
      countries: ['US', 'CA'],
    });
    expect(offerGeoWireSchema.parse({})).toEqual({});
    expect(offerGeoWireSchema.safeParse({ type: 3 }).success).toBe(false);
  });

  it('accepts a POST body with the required fields and defaults nothing itself', () => {
    const body = createOfferBodySchema.parse({
      offer: { ...validOffer, payout: 3.5 },
      offer_geo: { type: 1, countries: ['US'] },
    });
    expect(body.offer).toMatchObject({ advertiser_id: 12, payout: '3.5' });
    expect(body.offer.status).toBeUndefined();
  });

  it.each(['name', 'advertiser_id', 'offer_approval', 'revenue_type', 'payout_type'])(
    'refuses a POST body without %s',
    (field) => {
      const offer: Record<string, unknown> = { ...validOffer };
      delete offer[field];
      const result = createOfferBodySchema.safeParse({ offer });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(['offer', field]);
    },
  );

  it('refuses unknown enum values, an unknown field and lower-case countries', () => {
    const bad = [
      { offer: { ...validOffer, payout_type: 'CPX' } },
      { offer: { ...validOffer, revenue_type: 'RPX' } },
      { offer: { ...validOffer, status: 'expired' } },
      { offer: { ...validOffer, offer_approval: 4 } },
      { offer: { ...validOffer, payout: 'ten' } },
      { offer: { ...validOffer, nickname: 'x' } },
      { offer: validOffer, offer_geo: { type: 1, countries: ['us'] } },
    ];
    for (const body of bad)
      expect(createOfferBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
  });

  it('takes a partial PUT, including an empty value for the platform to judge', () => {
    expect(updateOfferBodySchema.parse({ offer: { status: 'paused' } })).toEqual({
      offer: { status: 'paused' },
    });
    expect(updateOfferBodySchema.parse({ offer: { description: '' } }).offer).toEqual({
      description: '',
    });
    expect(updateOfferBodySchema.safeParse({ offer: { status: 'gone' } }).success).toBe(false);
  });
});

describe('offer events (seed 000)', () => {
  it('accepts seed 000 request verbatim', () => {
    const body = createOfferEventBodySchema.parse(fixture('seed-000-request.json'));
    expect(body).toMatchObject({
      name: 'Test',
      revenue: '2.8',
      is_private: 0,
      conversion_protocol: 2,
    });
    expect(body.offer_payout_tier).toEqual([
      { tier_id: 12, tier_payout: '2.5', tier_percent_payout: '10' },
      { tier_id: 11, tier_payout: '2.5', tier_percent_payout: '10' },
    ]);
  });

  it('reads seed 000 response verbatim, both approval spellings', () => {
    const envelope = envelopeSchema.parse(fixture('seed-000-response.json'));
    const { offer_event: event } = offerEventDataSchema.parse(envelope.data);
    expect(event).toMatchObject({
      id: '10',
      revenue_type: 'RPA+RPS',
      payout: '2.1',
      approve_conversion: 0,
    });
    expect(event.offer_payout_tier![0]).toEqual({
      tier_id: '12',
      offer_id: '102',
      event_id: '10',
      tier_payout: '2.5',
      tier_percent_payout: '10',
    });
    expect(
      offerEventWireSchema.parse({ id: 1, name: 'x', approve_conversions: '1' })
        .approve_conversions,
    ).toBe(1);
  });

  it('needs only a name on POST and refuses values the contract does not allow', () => {
    expect(createOfferEventBodySchema.parse({ name: 'Lead' })).toEqual({ name: 'Lead' });
    const bad = [
      {},
      { name: '' },
      { name: 'x', status: 'pending' },
      { name: 'x', conversion_protocol: 4 },
      { name: 'x', is_private: 2 },
      { name: 'x', payout_type: 'CPX' },
      { name: 'x', offer_payout_tier: [{ tier_payout: '1' }] },
      { name: 'x', approve_conversion: 1 },
    ];
    for (const body of bad)
      expect(createOfferEventBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
  });

  it('takes a PATCH of status and amounts, and refuses an empty one', () => {
    expect(
      updateOfferEventBodySchema.parse({ status: 'paused', payout: 1.25, percent_payout: '5' }),
    ).toEqual({
      status: 'paused',
      payout: '1.25',
      percent_payout: '5',
    });
    expect(updateOfferEventBodySchema.safeParse({}).success).toBe(false);
  });
});

describe('affiliate payouts (seed 002)', () => {
  it('accepts seed 002 request verbatim, amounts sent as numbers read as exact text', () => {
    const body = createAffiliatePayoutBodySchema.parse(fixture('seed-002-request.json'));
    expect(body.affiliate_payout).toEqual({
      offer_id: 7,
      affiliate_id: 7,
      event_id: 1,
      current_payout: '33',
      percent_payout: '10',
    });
    expect(body.affiliate_tier).toEqual({
      user_id: 1,
      time_interval_type: 0,
      effective_time: '2016-09-03',
      expiration_time: '2016-10-03',
      tier_item: [
        { volume_caps: 100, payout: '34', percent_payout: '10' },
        { volume_caps: 150, payout: '43', percent_payout: '10' },
      ],
    });
  });

  it('reads seed 002 response as one payout record with its tier nested', () => {
    const envelope = envelopeSchema.parse(fixture('seed-002-response.json'));
    const payout = affiliatePayoutCreatedSchema.parse(envelope.data);
    expect(payout).toMatchObject({
      id: '24',
      offer_id: '7',
      affiliate_id: '7',
      event_id: '1',
      current_payout: '33',
    });
    expect(payout.affiliate_tier).toMatchObject({
      user_id: '1',
      effective_time: 1472832000,
      expiration_time: 1475510399,
    });
    expect(payout.affiliate_tier!.tier_item![1]).toEqual({
      volume_caps: 150,
      payout: '43',
      percent_payout: '10',
      sort: 2,
      range: '101-∞',
    });
  });

  it('reads list rows flat or side by side', () => {
    const flat = affiliatePayoutRowSchema.parse({
      id: 1,
      offer_id: 2,
      affiliate_id: 3,
      current_payout: '4',
    });
    const pair = affiliatePayoutRowSchema.parse({
      affiliate_payout: { id: 1, offer_id: 2, affiliate_id: 3, current_payout: '4' },
      affiliate_tier: { user_id: 1, time_interval_type: 1 },
    });
    expect(flat).toEqual({ id: '1', offer_id: '2', affiliate_id: '3', current_payout: '4' });
    expect(pair).toEqual({ ...flat, affiliate_tier: { user_id: '1', time_interval_type: 1 } });
    expect(
      affiliatePayoutDataSchema.parse({ affiliate_payout: { id: 5, offer_id: 1, affiliate_id: 2 } })
        .affiliate_payout.id,
    ).toBe('5');
  });

  it('refuses missing ids, unknown interval types and dates not written YYYY-MM-DD', () => {
    const valid = fixture('seed-002-request.json');
    const variants = [
      { ...valid, affiliate_payout: { ...valid.affiliate_payout, affiliate_id: undefined } },
      { ...valid, affiliate_tier: { ...valid.affiliate_tier, time_interval_type: 4 } },
      { ...valid, affiliate_tier: { ...valid.affiliate_tier, effective_time: '03/09/2016' } },
      { ...valid, affiliate_tier: { ...valid.affiliate_tier, expiration_time: '2016-02-30' } },
      { ...valid, affiliate_tier: { ...valid.affiliate_tier, tier_item: [{ payout: '1' }] } },
    ];
    for (const body of variants) {
      expect(createAffiliatePayoutBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(
        false,
      );
    }
  });

  it('takes current_payout or percent_payout as PATCH query parameters', () => {
    expect(updateAffiliatePayoutQuerySchema.parse({ current_payout: '89' })).toEqual({
      current_payout: '89',
    });
    expect(updateAffiliatePayoutQuerySchema.safeParse({}).success).toBe(false);
    expect(updateAffiliatePayoutQuerySchema.safeParse({ current_payout: 'lots' }).success).toBe(
      false,
    );
    expect(updateAffiliatePayoutQuerySchema.safeParse({ payout: '1' }).success).toBe(false);
  });
});

describe('affiliates', () => {
  it('reads {id, first_name, last_name, email, company, status} and keeps other fields', () => {
    const affiliate = affiliateWireSchema.parse({
      id: 201,
      first_name: 'Alice',
      last_name: 'Archer',
      email: 'alice@example.com',
      company: 'Archer Media',
      status: 'active',
      manager_id: 4,
    });
    expect(affiliate).toMatchObject({ id: '201', email: 'alice@example.com', manager_id: 4 });
  });
});
