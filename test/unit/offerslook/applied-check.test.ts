// A write answered with success that does not show a value it sent means the server ignored part
// of the request (the v2 offer-event PATCH with a JSON body): a PROTOCOL error, never retried.
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import { assertApplied, assertGeoApplied } from '../../../src/platforms/offerslook/index.js';

const OPERATION = 'PATCH /v1/offers/7/offer_events/1';

function failure(action: () => void): PlatformError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected a failure');
}

describe('assertApplied', () => {
  it('passes when the answer shows every value sent: decimals by value, ids and flags as text', () => {
    expect(() =>
      assertApplied(
        OPERATION,
        { revenue: '2.8', payout: '2.10', is_private: '1', advertiser_id: 12, name: ' Sale ' },
        { revenue: '2.80', payout: '2.1', is_private: 1, advertiser_id: '12', name: 'Sale' },
      ),
    ).not.toThrow();
    // An amount sent empty is stored as "not set".
    expect(() =>
      assertApplied(OPERATION, { percent_payout: '' }, { percent_payout: '-1' }),
    ).not.toThrow();
  });

  it('says nothing about fields the answer leaves out, or lists and objects', () => {
    expect(() =>
      assertApplied(
        OPERATION,
        { status: 'paused', offer_payout_tier: [{ tier_id: 1 }] },
        { offer_payout_tier: [] },
      ),
    ).not.toThrow();
  });

  it('raises a non-retryable PROTOCOL error naming the field and the operation', () => {
    const error = failure(() =>
      assertApplied(
        OPERATION,
        { status: 'active', payout: '3' },
        { status: 'paused', payout: '3.00' },
      ),
    );
    expect(error).toMatchObject({
      code: 'PROTOCOL',
      retryable: false,
      platform: 'offerslook',
      operation: OPERATION,
    });
    expect(error.message).toBe(
      `offerslook ${OPERATION}: the answer shows status "paused" where "active" was sent: the platform ignored part of the request`,
    );
    expect(
      failure(() => assertApplied(OPERATION, { payout: '2.8' }, { payout: '2.81' })).message,
    ).toContain('payout');
  });
});

describe('assertGeoApplied', () => {
  it('compares countries as a set, and the type when there are countries', () => {
    const op = 'PUT /v1/offers/7';
    expect(() =>
      assertGeoApplied(
        op,
        { type: 1, countries: ['US', 'CA'] },
        { type: 1, countries: ['CA', 'US'] },
      ),
    ).not.toThrow();
    expect(() =>
      assertGeoApplied(op, { type: 2, countries: [] }, { type: 1, countries: [] }),
    ).not.toThrow();
    expect(() => assertGeoApplied(op, { type: 1, countries: ['US'] }, undefined)).not.toThrow();
    expect(
      failure(() =>
        assertGeoApplied(op, { type: 2, countries: ['CN'] }, { type: 1, countries: ['CN'] }),
      ).message,
    ).toContain('offer_geo "1:CN" where "2:CN" was sent');
  });
});
