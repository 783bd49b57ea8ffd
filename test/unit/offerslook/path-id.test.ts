// Every id put into a request path is a platform id, checked and encoded in one place.
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import { pathId } from '../../../src/platforms/http/path-id.js';

describe('pathId', () => {
  it('passes digits through', () => {
    expect(pathId('offerslook', 'offer id', '400')).toBe('400');
    expect(pathId('offerslook', 'offer id', '0')).toBe('0');
  });

  it('refuses what would change the path, as a VALIDATION failure naming the id', () => {
    for (const value of [
      '',
      '.',
      '..',
      '../1',
      '1/offer_events',
      '1?x=1',
      '1#',
      '%2e',
      ' 1',
      '1'.repeat(21),
    ]) {
      let caught: unknown;
      try {
        pathId('offerslook', 'offer id', value);
      } catch (error) {
        caught = error;
      }
      expect(caught, value).toBeInstanceOf(PlatformError);
      expect((caught as PlatformError).code).toBe('VALIDATION');
      expect((caught as PlatformError).message, value).toMatch(
        /^offerslook request path: offer id (is empty|expected digits only)/,
      );
    }
  });
});
