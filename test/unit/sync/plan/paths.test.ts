import { describe, expect, it } from 'vitest';
import {
  getPath,
  hasPath,
  omitPaths,
  setPath,
  splitPath,
} from '../../../../src/sync/plan/index.js';

describe('dotted paths', () => {
  const record = {
    name: 'A',
    base_event: { payout: '2.80', tiers: [{ payout: '1' }] },
    empty: undefined,
  };

  it('reads nested values and array items, undefined when a step is missing', () => {
    expect(getPath(record, 'name')).toBe('A');
    expect(getPath(record, 'base_event.payout')).toBe('2.80');
    expect(getPath(record, 'base_event.tiers.0.payout')).toBe('1');
    expect(getPath(record, 'base_event.missing.deeper')).toBeUndefined();
    expect(getPath(record, 'name.length')).toBeUndefined();
  });

  it('tells a present undefined from a missing property', () => {
    expect(hasPath(record, 'empty')).toBe(true);
    expect(hasPath(record, 'absent')).toBe(false);
    expect(hasPath(record, 'base_event.tiers.0')).toBe(true);
    expect(hasPath(record, 'base_event.tiers.1')).toBe(false);
  });

  it('sets without mutating the input, creating objects on the way', () => {
    const updated = setPath(record, 'base_event.payout', '3');
    expect(updated.base_event).toEqual({ payout: '3', tiers: [{ payout: '1' }] });
    expect(record.base_event.payout).toBe('2.80');
    expect(setPath({}, 'a.b.c', 1)).toEqual({ a: { b: { c: 1 } } });
    expect(setPath({ a: 'text' }, 'a.b', 1)).toEqual({ a: { b: 1 } });
  });

  it('omits paths without touching the input', () => {
    const result = omitPaths(record, ['base_event.payout', 'nope.nothing']);
    expect(result.base_event).toEqual({ tiers: [{ payout: '1' }] });
    expect(record.base_event.payout).toBe('2.80');
  });

  it('refuses empty segments and prototype-reaching names', () => {
    expect(() => splitPath('a..b')).toThrow(/empty segment/);
    expect(() => setPath({}, '__proto__.polluted', true)).toThrow(/not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
