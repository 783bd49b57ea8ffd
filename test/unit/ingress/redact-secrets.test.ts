import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../../src/ingress/index.js';

describe('redactSecrets', () => {
  it('hides every secret-named key at any depth and keeps references', () => {
    const data = {
      platform: 'offerit',
      entity: 'offer',
      id: '400',
      api_key: 'k1',
      nested: {
        apiKey: 'k2',
        list: [{ password: 'p', keep: 1 }, { 'api-key': 'k3' }],
        Authorization: 'Basic x',
      },
      webhookSecret: 's',
      refresh_token: 't',
      credentials: { user: 'u' },
    };
    expect(redactSecrets(data)).toEqual({
      platform: 'offerit',
      entity: 'offer',
      id: '400',
      api_key: REDACTED,
      nested: {
        apiKey: REDACTED,
        list: [{ password: REDACTED, keep: 1 }, { 'api-key': REDACTED }],
        Authorization: REDACTED,
      },
      webhookSecret: REDACTED,
      refresh_token: REDACTED,
      credentials: REDACTED,
    });
    expect(data.api_key).toBe('k1');
  });

  it('passes primitives through and survives cycles', () => {
    expect(redactSecrets('text')).toBe('text');
    expect(redactSecrets(undefined)).toBeUndefined();
    const cyclic: Record<string, unknown> = { id: '1' };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ id: '1', self: '[circular]' });
  });
});
