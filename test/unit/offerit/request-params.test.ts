// Request parameter schemas, fed what the server decodes from the seed pages' own requests.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { decodePhpForm } from '../../../src/platforms/offerit/php-form.js';
import {
  addCommissionChangeParamsSchema,
  addOfferParamsSchema,
  affiliateSearchParamsSchema,
  editOfferParamsSchema,
  formatParamIssues,
  getDetailsParamsSchema,
  pauseOfferParamsSchema,
  setCommissionChangePayoutsParamsSchema,
  setOfferGoalsParamsSchema,
} from '../../../src/platforms/offerit/wire/index.js';

function problems(schema: z.ZodType, input: Record<string, unknown>): string {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the parameters to be refused');
  return formatParamIssues(parsed.error.issues, input);
}

describe('add_offer parameters', () => {
  it('accept seed 001 as http_build_query sends it (commission_type 201, comma list countries)', () => {
    const params = decodePhpForm(
      'name=API+TEST+Offer&url=http%3A%2F%2Fexample.com%2F%3Fid%3D%25%25click_hash%25%25' +
        '&preview_url=http%3A%2F%2Fexample.com%2F&authorized=DE%2CES&advertiserid=1' +
        '&advertiser_cost_type=conversion&advertiser_cost_flat=20&commission_type=201' +
        '&flat_amount_per_conversion=15&flat_amount_per_continuity=5',
    );
    expect(addOfferParamsSchema.parse(params)).toEqual({
      name: 'API TEST Offer',
      url: 'http://example.com/?id=%%click_hash%%',
      preview_url: 'http://example.com/',
      authorized: ['DE', 'ES'],
      advertiserid: '1',
      advertiser_cost_type: 'conversion',
      advertiser_cost_flat: '20',
      commission_type: '201',
      flat_amount_per_conversion: '15',
      flat_amount_per_continuity: '5',
    });
  });

  it('accept what the client passes: booleans, numbers for ids, lists; output is form text', () => {
    expect(
      addOfferParamsSchema.parse({
        name: 'x',
        url: 'y',
        hidden: true,
        featured: 0,
        advertiserid: 9,
        ip_conversion_limit_flag: 2,
        categories: ['Dating', 3],
        unauthorized: ['us', 'ca'],
        date_live: 1_700_000_000,
      }),
    ).toMatchObject({
      hidden: '1',
      featured: '0',
      advertiserid: '9',
      ip_conversion_limit_flag: '2',
      categories: ['Dating', '3'],
      unauthorized: ['US', 'CA'],
      date_live: '1700000000',
    });
  });

  it.each([
    [{ url: 'y' }, 'missing required parameter name'],
    [{ name: 'x' }, 'missing required parameter url'],
    [{ name: '', url: 'y' }, 'invalid name: name is required'],
    [
      { name: 'x', url: 'y', commission_type: 'cpm' },
      'invalid commission_type: expected one of cpa, cps, click, hybrid or a numeric type id',
    ],
    [
      { name: 'x', url: 'y', advertiser_cost_type: 'lead' },
      'invalid advertiser_cost_type: expected one of conversion, dynamic_conversion, sale, click, unique',
    ],
    [
      { name: 'x', url: 'y', conversion_type: 'pixel' },
      'invalid conversion_type: expected one of image, post, iframe',
    ],
    [{ name: 'x', url: 'y', hidden: 'yes' }, 'invalid hidden: expected 0 or 1'],
    [
      { name: 'x', url: 'y', flat_amount_per_conversion: '1,5' },
      'invalid flat_amount_per_conversion: expected a decimal amount such as 15 or 2.80',
    ],
    [
      { name: 'x', url: 'y', authorized: 'GBR' },
      'invalid authorized: expected 2 letter country codes',
    ],
    [
      { name: 'x', url: 'y', date_expire: 'next tuesday' },
      'invalid date_expire: expected a date as YYYY-MM-DD HH:MM:SS or unix seconds',
    ],
    [{ name: 'x', url: 'y', payout: '3', bonus: '1' }, 'unknown parameters payout, bonus'],
  ])('refuse %j: %s', (input, message) => {
    expect(problems(addOfferParamsSchema, input)).toBe(message);
  });

  it('take every named commission type and an empty value (not set)', () => {
    for (const type of ['cpa', 'cps', 'click', 'hybrid', '']) {
      expect(
        addOfferParamsSchema.parse({ name: 'x', url: 'y', commission_type: type }).commission_type,
      ).toBe(type);
    }
  });
});

describe('edit, pause and activate parameters', () => {
  it('accept seed 004 (offerid plus any add_offer field, no url needed)', () => {
    const params = decodePhpForm(
      'offerid=251&name=edited+API+TEST+Offer&authorized=GB%2CIT&advertiserid=9' +
        '&advertiser_cost_type=conversion&advertiser_cost_flat=25&commission_type=cps' +
        '&percentage_of_customer_conversion=15&percentage_of_customer_continuity=5',
    );
    expect(editOfferParamsSchema.parse(params)).toMatchObject({
      offerid: '251',
      name: 'edited API TEST Offer',
      authorized: ['GB', 'IT'],
      commission_type: 'cps',
    });
  });

  it('need an offerid and accept an optional date_expire', () => {
    expect(problems(editOfferParamsSchema, { name: 'x' })).toBe(
      'missing required parameter offerid',
    );
    expect(problems(editOfferParamsSchema, { offerid: 'abc' })).toBe(
      'invalid offerid: expected a whole number',
    );
    expect(
      pauseOfferParamsSchema.parse({ offerid: 3, date_expire: '2025-01-31 23:59:59' }),
    ).toEqual({
      offerid: '3',
      date_expire: '2025-01-31 23:59:59',
    });
  });
});

describe('get_details parameters', () => {
  it('need exactly one lookup key', () => {
    expect(getDetailsParamsSchema.parse({ offerid: '1, 2,3', return_columns: 'name' })).toEqual({
      offerid: ['1', '2', '3'],
      return_columns: 'name',
    });
    expect(getDetailsParamsSchema.parse({ name_like: 'VPN%' })).toEqual({ name_like: 'VPN%' });
    expect(problems(getDetailsParamsSchema, {})).toContain('exactly one lookup key is required');
    expect(problems(getDetailsParamsSchema, { offerid: '1', advertiserid: '2' })).toContain(
      'exactly one lookup key',
    );
    expect(problems(getDetailsParamsSchema, { offerid: '1;2' })).toContain(
      'comma separated list of offer ids',
    );
  });
});

describe('set_offer_goals parameters', () => {
  it('read goal_vars[i][...] and need goal_id or offer_goal_id in each', () => {
    const params = decodePhpForm(
      'offerid=400&goal_vars[0][goal_id]=1&goal_vars[0][name]=Lead&goal_vars[0][commission_type]=flat' +
        '&goal_vars[0][amount]=2&goal_vars[1][offer_goal_id]=48&goal_vars[1][revenue_type]=dynamic_conversion',
    );
    expect(setOfferGoalsParamsSchema.parse(params)).toEqual({
      offerid: '400',
      goal_vars: [
        { goal_id: '1', name: 'Lead', commission_type: 'flat', amount: '2' },
        { offer_goal_id: '48', revenue_type: 'dynamic_conversion' },
      ],
    });
    expect(problems(setOfferGoalsParamsSchema, { offerid: '1', goal_vars: [{ name: 'x' }] })).toBe(
      'invalid goal_vars[0]: each goal needs goal_id (new goal) or offer_goal_id (existing goal)',
    );
    expect(
      problems(setOfferGoalsParamsSchema, {
        offerid: '1',
        goal_vars: [{ goal_id: '1', revenue_type: 'click' }],
      }),
    ).toBe(
      'invalid goal_vars[0][revenue_type]: expected one of dynamic_conversion, conversion, sale',
    );
    expect(problems(setOfferGoalsParamsSchema, { offerid: '1' })).toBe(
      'missing required parameter goal_vars',
    );
  });
});

describe('commission change parameters', () => {
  it('accept seed 003 as http_build_query sends it: countries[0]=GB,DE', () => {
    const params = decodePhpForm(
      'offerid=2&loginid=2&type=standard&countries%5B0%5D=GB%2CDE&flat_amount_per_conversion=15&flat_amount_per_continuity=5',
    );
    expect(addCommissionChangeParamsSchema.parse(params)).toEqual({
      offerid: '2',
      loginid: '2',
      type: 'standard',
      countries: ['GB', 'DE'],
      flat_amount_per_conversion: '15',
      flat_amount_per_continuity: '5',
    });
  });

  it('need offerid and a known type', () => {
    expect(problems(addCommissionChangeParamsSchema, { offerid: '2' })).toBe(
      'missing required parameter type',
    );
    expect(problems(addCommissionChangeParamsSchema, { offerid: '2', type: 'bonus' })).toBe(
      'invalid type: expected one of standard, disable, temporary',
    );
  });

  it('set_commission_change_payouts takes changeid 0 (the default change), goalid and the six payouts', () => {
    expect(
      setCommissionChangePayoutsParamsSchema.parse({
        offerid: 2,
        changeid: 0,
        goalid: 48,
        flat_amount_per_click: '0.05',
      }),
    ).toEqual({ offerid: '2', changeid: '0', goalid: '48', flat_amount_per_click: '0.05' });
    expect(
      problems(setCommissionChangePayoutsParamsSchema, { offerid: 2, changeid: 1, payout: '1' }),
    ).toBe('unknown parameter payout');
  });
});

describe('affiliate/search parameters', () => {
  it('accept the optional filters and start/count paging', () => {
    expect(affiliateSearchParamsSchema.parse({ email: 'a@b.c', start: 100, count: '50' })).toEqual({
      email: 'a@b.c',
      start: '100',
      count: '50',
    });
    expect(problems(affiliateSearchParamsSchema, { password: 'x' })).toBe(
      'unknown parameter password',
    );
  });
});
