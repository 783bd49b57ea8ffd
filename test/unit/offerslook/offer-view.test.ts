// The adapter's pure parts: the offer view and record -> body conversion.
import { describe, expect, it } from 'vitest';
import {
  baseEventChangesFromDefaults,
  baseEventView,
  createOfferBody,
  createPayoutBody,
  eventBody,
  offerView,
  searchFilters,
  splitOfferChanges,
  tierDate,
  updateOfferBody,
} from '../../../src/platforms/offerslook/index.js';

describe('offer view', () => {
  it('joins the offer, its geo and event 1 settings; the event answer spelling is normalised', () => {
    const view = offerView(
      { id: '7', name: 'VPN', payout: '2.8', offer_geo: { type: 2, countries: ['CN'] } },
      { type: 1, countries: ['US'] },
      baseEventView({
        id: '1',
        name: 'Default',
        conversion_protocol: 1,
        approve_conversion: 1,
        is_private: 0,
        status: 'paused',
        payout: '2.8',
      }),
    );
    expect(view).toEqual({
      id: '7',
      name: 'VPN',
      payout: '2.8',
      offer_geo: { type: 1, countries: ['US'] },
      base_event: {
        conversion_protocol: 1,
        approve_conversions: 1,
        is_private: 0,
        status: 'paused',
      },
    });
  });

  it('keeps a list row geo when no separate one is given, and no base_event without event 1', () => {
    const view = offerView(
      { id: '7', name: 'VPN', offer_geo: { type: 2, countries: ['CN'] } },
      undefined,
      undefined,
    );
    expect(view).toEqual({ id: '7', name: 'VPN', offer_geo: { type: 2, countries: ['CN'] } });
  });

  it('asks for an event 1 PATCH only for settings that differ from a new offer defaults', () => {
    expect(baseEventChangesFromDefaults(undefined)).toEqual({});
    expect(
      baseEventChangesFromDefaults({
        conversion_protocol: '2',
        approve_conversions: 0,
        is_private: 0,
        status: 'active',
      }),
    ).toEqual({});
    expect(
      baseEventChangesFromDefaults({
        conversion_protocol: 1,
        approve_conversion: 1,
        status: 'active',
      }),
    ).toEqual({
      conversion_protocol: 1,
      approve_conversions: 1,
    });
  });

  it('splits changes into the PUT offer part, the geo and the event 1 part, leaving read-only fields out', () => {
    expect(
      splitOfferChanges({
        name: 'New',
        payout: '3',
        update_time: 5,
        offer_geo: { type: 1, countries: ['GB'] },
        base_event: { is_private: 1 },
      }),
    ).toEqual({
      offer: { name: 'New', payout: '3' },
      geo: { type: 1, countries: ['GB'] },
      baseEvent: { is_private: 1 },
    });
  });
});

describe('record bodies', () => {
  it('sends ids as integers, keeps amounts as text and leaves platform-set fields out', () => {
    const body = createOfferBody({
      id: '9',
      name: 'VPN',
      advertiser_id: '12',
      payout: '2.80',
      create_time: 1,
      offer_geo: { countries: ['US'] },
      base_event: { is_private: 1 },
    });
    // Geo goes out as Offerslook's own target list (contract v2).
    expect(body).toEqual({
      offer: { name: 'VPN', advertiser_id: 12, payout: '2.80' },
      offer_geo: { target: [{ type: 1, country: 'US' }] },
    });
    expect(updateOfferBody({ status: 'paused' }, undefined)).toEqual({
      offer: { status: 'paused' },
    });
    expect(updateOfferBody({}, { type: 2, countries: ['DE', 'fr'] })).toEqual({
      offer_geo: {
        target: [
          { type: 2, country: 'DE' },
          { type: 2, country: 'FR' },
        ],
      },
    });
    // Targets a view kept because they did not fold go back unchanged.
    const kept = [
      { type: 1, country: 'US', region: 'California' },
      { type: 2, country: 'CN' },
    ];
    expect(
      updateOfferBody({}, { type: 1, countries: ['US'], target: kept, unfolded: 'x' }).offer_geo,
    ).toEqual({ target: kept });
  });

  it('writes an event with the request spelling and its tiers without the answer-only ids', () => {
    expect(
      eventBody({
        id: '10',
        offer_id: '102',
        name: 'Sale',
        approve_conversion: 1,
        offer_payout_tier: [{ tier_id: '12', offer_id: '102', event_id: '10', tier_payout: '2.5' }],
        update_time: 3,
      }),
    ).toEqual({
      name: 'Sale',
      approve_conversions: 1,
      offer_payout_tier: [{ tier_id: 12, tier_payout: '2.5' }],
    });
  });

  it('writes a payout with its tier: dates as days, answer-only fields dropped, user_id filled in', () => {
    const body = createPayoutBody(
      {
        offer_id: '7',
        affiliate_id: '7',
        event_id: '1',
        current_payout: '33',
        affiliate_tier: {
          offer_id: '7',
          affiliate_id: '7',
          time_interval_type: 0,
          effective_time: 1472832000,
          expiration_time: '2016-10-03',
          create_time: 1,
          tier_item: [{ volume_caps: 100, payout: '34', sort: 1, range: '1-100' }],
        },
      },
      { tierUserId: 3, tierUtcOffsetMinutes: 480 },
    );
    expect(body).toEqual({
      affiliate_payout: { offer_id: 7, affiliate_id: 7, event_id: 1, current_payout: '33' },
      affiliate_tier: {
        user_id: 3,
        time_interval_type: 0,
        effective_time: '2016-09-03',
        expiration_time: '2016-10-03',
        tier_item: [{ volume_caps: 100, payout: '34' }],
      },
    });
  });

  it('turns unix times into the day they fall on in the network time zone', () => {
    expect(tierDate(1472860800)).toBe('2016-09-03');
    expect(tierDate(1472832000)).toBe('2016-09-02');
    expect(tierDate(1472832000, 480)).toBe('2016-09-03');
    expect(tierDate(1475510399, 480)).toBe('2016-10-03');
    expect(tierDate('2016-10-03')).toBe('2016-10-03');
  });
});

describe('search filters', () => {
  it('filter ids exactly and text by containment, and skip what is not a single value', () => {
    expect(searchFilters('offer', { name: ' VPN ', advertiser_id: '12', payout: '2' })).toEqual({
      name: { CONTAINS: 'VPN' },
      advertiser_id: { EQUAL_TO: '12' },
    });
    expect(
      searchFilters('commission', { offer_id: 7, affiliate_id: '3', event_id: undefined }),
    ).toEqual({
      offer_id: { EQUAL_TO: 7 },
      affiliate_id: { EQUAL_TO: '3' },
    });
    expect(searchFilters('affiliate', { email: '', first_name: 'Alice' })).toEqual({});
    expect(searchFilters('goal', { name: ['a'] })).toEqual({});
  });
});
