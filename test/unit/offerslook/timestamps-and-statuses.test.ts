// Contract v2, row shapes: times come as unix seconds, `YYYY-MM-DD HH:MM:SS` or null, statuses in
// any letter case; records hold one canonical form of each.
import { describe, expect, it } from 'vitest';
import {
  dateTimeSeconds,
  dateTimeText,
  offerWireSchema,
  offerslookAffiliatePayoutSchema,
  offerslookAffiliateSchema,
  offerslookOfferEventSchema,
  wireTierTime,
  wireTimestamp,
} from '../../../src/platforms/offerslook/index.js';

describe('timestamps', () => {
  it('reads unix seconds, their text, a UTC date-time and null/empty alike', () => {
    expect(wireTimestamp.parse(1478088797)).toBe(1478088797);
    expect(wireTimestamp.parse('1478088797')).toBe(1478088797);
    expect(wireTimestamp.parse('2016-11-02 12:13:17')).toBe(1478088797);
    expect(wireTimestamp.parse('2016-11-02T12:13:17Z')).toBe(1478088797);
    expect(wireTimestamp.parse(null)).toBeUndefined();
    expect(wireTimestamp.parse('')).toBeUndefined();
    expect(wireTimestamp.parse('0000-00-00 00:00:00')).toBeUndefined();
  });

  it('refuses text that is no time, and dates that do not exist', () => {
    expect(wireTimestamp.safeParse('yesterday').success).toBe(false);
    expect(wireTimestamp.safeParse('2016-02-30 00:00:00').success).toBe(false);
    expect(dateTimeSeconds('2016-11-02 24:00:00')).toBeUndefined();
  });

  it('writes the date-time form back exactly', () => {
    expect(dateTimeText(1478088797)).toBe('2016-11-02 12:13:17');
    expect(dateTimeSeconds(dateTimeText(1700000000))).toBe(1700000000);
  });

  it('keeps a tier day as text and reads a tier date-time as seconds', () => {
    expect(wireTierTime.parse('2016-09-03')).toBe('2016-09-03');
    expect(wireTierTime.parse(1472832000)).toBe(1472832000);
    expect(wireTierTime.parse('2016-09-02 16:00:00')).toBe(1472832000);
    expect(wireTierTime.parse(null)).toBeUndefined();
  });
});

describe('canonical records', () => {
  it('reads an offer with a capitalised status and date-time times as the unix-seconds record', () => {
    const v2 = offerWireSchema.parse({
      id: 7,
      name: 'VPN',
      status: 'Active',
      create_time: '2016-11-02 12:13:17',
      update_time: '2016-11-02 12:13:17',
      start_date: null,
    });
    const v1 = offerWireSchema.parse({
      id: 7,
      name: 'VPN',
      status: 'active',
      create_time: 1478088797,
      update_time: 1478088797,
    });
    expect(v2).toMatchObject({ status: 'active', create_time: 1478088797 });
    expect(v2.start_date).toBeUndefined();
    expect({ ...v2, start_date: undefined }).toEqual(v1);
    expect(offerWireSchema.safeParse({ id: 7, name: 'x', status: 'Expired' }).success).toBe(false);
  });

  it('reads event, payout and affiliate statuses and times the same way', () => {
    expect(
      offerslookOfferEventSchema.parse({
        id: 2,
        name: 'Sale',
        status: 'PAUSED',
        create_time: null,
      }),
    ).toEqual({ id: '2', name: 'Sale', status: 'paused', create_time: undefined });
    expect(
      offerslookAffiliatePayoutSchema.parse({
        id: 1,
        offer_id: 7,
        affiliate_id: 3,
        create_time: '2016-07-04 03:15:51',
      }).create_time,
    ).toBe(1467602151);
    expect(offerslookAffiliateSchema.parse({ id: 3, status: 'Active' }).status).toBe('active');
  });
});
