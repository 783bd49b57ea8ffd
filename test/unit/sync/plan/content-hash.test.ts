import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../../../src/sync/plan/index.js';

describe('contentHash', () => {
  it('writes canonical JSON: sorted keys at every depth, undefined properties dropped', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,null]},"b":1}',
    );
  });

  it('is stable across key order and undefined properties', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        const withUndefined = { ...reversed, ['\u0000extra']: undefined };
        expect(contentHash(withUndefined)).toBe(contentHash(record));
      }),
    );
  });

  it('changes when any value changes, and tells "2.8" from "2.80"', () => {
    const base = { name: 'Offer', payout: '2.8' };
    expect(contentHash({ ...base, payout: '2.80' })).not.toBe(contentHash(base));
    expect(contentHash({ ...base, name: 'Offer ' })).not.toBe(contentHash(base));
    expect(contentHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves out the paths given in omit', () => {
    const read1 = { name: 'Offer', update_time: 1, base_event: { update_time: 1, payout: '1' } };
    const read2 = { name: 'Offer', update_time: 2, base_event: { update_time: 2, payout: '1' } };
    const omit = ['update_time', 'base_event.update_time'];
    expect(contentHash(read1, { omit })).toBe(contentHash(read2, { omit }));
    expect(contentHash(read1)).not.toBe(contentHash(read2));
  });
});
