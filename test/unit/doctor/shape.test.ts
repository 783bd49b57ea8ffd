// Shape descriptions name keys and kinds, never values.
import { describe, expect, it } from 'vitest';
import { describeShape, formatPath } from '../../../src/doctor/probe/shape.js';

describe('describeShape', () => {
  it('describes without values', () => {
    expect(describeShape({ api_key: 'k-123', name: 'n' })).toBe('{api_key, name}');
    expect(describeShape(['k-123'])).toBe('a list of 1 (text, …)');
    expect(describeShape('k-123')).toBe('text');
    expect(describeShape(undefined)).toBe('missing');
    expect(
      describeShape(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]))),
    ).toBe('{k0, k1, k2, k3, k4, k5, k6, k7, …}');
  });
});

describe('formatPath', () => {
  it('writes indices and odd keys in brackets', () => {
    expect(formatPath('data', ['rowset', 0, 'offer', 'status'])).toBe(
      'data.rowset[0].offer.status',
    );
    expect(formatPath('message', ['changes', 2, 'Change Id'])).toBe(
      'message.changes[2]["Change Id"]',
    );
    expect(formatPath('message', ['400'])).toBe('message["400"]');
  });
});
