import { describe, expect, it } from 'vitest';
import { createEquals, defaultEquals, isEmptyValue } from '../../../../src/sync/plan/index.js';

describe('field equality', () => {
  const eq = (a: unknown, b: unknown) => defaultEquals('f', a, b);

  it('compares decimal strings and numbers as decimals, exactly', () => {
    expect(eq('2.80', '2.8')).toBe(true);
    expect(eq('2.8', 2.8)).toBe(true);
    expect(eq('10', '10.000')).toBe(true);
    expect(eq('0.1', '0.10000000000000000001')).toBe(false);
    expect(eq('2.8', '2.81')).toBe(false);
  });

  it('treats missing, null and empty string as one "not set", but not zero', () => {
    expect(eq(undefined, '')).toBe(true);
    expect(eq(null, undefined)).toBe(true);
    expect(eq('', '0')).toBe(false);
    expect(eq(undefined, 0)).toBe(false);
  });

  it('takes extra "not set" spellings such as Offerslook\'s "-1"', () => {
    const offerslook = createEquals({ empty: [undefined, null, '', '-1'] });
    expect(offerslook('payout', '-1.00', undefined)).toBe(true);
    expect(offerslook('payout', '-1', '')).toBe(true);
    expect(defaultEquals('payout', '-1', '')).toBe(false);
    expect(isEmptyValue('-1', ['', '-1'])).toBe(true);
    expect(isEmptyValue('0')).toBe(false);
  });

  it('compares arrays in order and objects key by key with the same rules', () => {
    expect(eq(['GB', 'DE'], ['GB', 'DE'])).toBe(true);
    expect(eq(['GB', 'DE'], ['DE', 'GB'])).toBe(false);
    expect(eq({ payout: '1.50', note: '' }, { payout: '1.5' })).toBe(true);
    expect(eq({ payout: '1.50' }, { payout: '1.6' })).toBe(false);
    expect(eq('abc', 'ABC')).toBe(false);
  });
});
