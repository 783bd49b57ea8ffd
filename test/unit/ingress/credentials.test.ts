import { describe, expect, it } from 'vitest';
import { credentialsMatch } from '../../../src/ingress/index.js';

describe('credentialsMatch', () => {
  const expected = { user: 'ops', password: 'correct horse' };
  it('accepts only the exact pair', () => {
    expect(credentialsMatch(expected, 'ops', 'correct horse')).toBe(true);
    expect(credentialsMatch(expected, 'ops', 'correct hors')).toBe(false);
    expect(credentialsMatch(expected, 'ops', 'correct horse ')).toBe(false);
    expect(credentialsMatch(expected, 'OPS', 'correct horse')).toBe(false);
    expect(credentialsMatch(expected, '', '')).toBe(false);
  });
});
