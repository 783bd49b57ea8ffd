import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../../src/platforms/offerit/transport.js';

describe('scrubSecrets', () => {
  it('removes the API key wherever it appears', () => {
    expect(scrubSecrets('key k3y-123 and again k3y-123.', 'k3y-123')).toBe(
      'key [redacted] and again [redacted].',
    );
  });

  it('blanks the values of secret-looking JSON fields and leaves the rest', () => {
    const body =
      '{"3":{"loginid":"3","username":"anna","password":"$2y$10$abc\\"def","api_key":"0badc0de","email":"a@b.c"}}';
    expect(scrubSecrets(body, 'unused')).toBe(
      '{"3":{"loginid":"3","username":"anna","password":"[redacted]","api_key":"[redacted]","email":"a@b.c"}}',
    );
  });
});
