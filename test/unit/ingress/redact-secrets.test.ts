import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretKey, redactSecrets, redactText } from '../../../src/ingress/index.js';

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

describe('redaction of what the issue found missed', () => {
  it('hides keys named auth, pwd, pass, key, bearer, cookie, signature, session in any case style', () => {
    const data = {
      id: '400',
      offerId: '7',
      kind: 'offer',
      auth: 'a',
      pwd: 'b',
      pass: 'c',
      key: 'd',
      bearer: 'e',
      'x-api-key': 'f',
      secretKey: 'g',
      AccessKey: 'h',
      session_id: 'i',
      Cookie: 'j',
      signature: 'k',
      user_pass: 'l',
      basicAuth: 'm',
    };
    const shown = redactSecrets(data) as Record<string, unknown>;
    expect(shown).toMatchObject({ id: '400', offerId: '7', kind: 'offer' });
    for (const name of Object.keys(data).filter(
      (name) => !['id', 'offerId', 'kind'].includes(name),
    ))
      expect(shown[name], name).toBe(REDACTED);
    for (const name of [
      'id',
      'offerId',
      'source',
      'target',
      'reason',
      'event',
      'requestedAt',
      'monkey',
      'keyword',
    ])
      expect(isSecretKey(name), name).toBe(false);
  });

  it('takes credentials out of text: URLs, query parameters and authorization values', () => {
    expect(redactText('GET https://ops:hunter2@api.example.com/v1/offers failed', [])).toBe(
      'GET https://[redacted]@api.example.com/v1/offers failed',
    );
    expect(redactText('redis://:s3cret@10.0.0.5:6379 refused', [])).toBe(
      'redis://[redacted]@10.0.0.5:6379 refused',
    );
    expect(
      redactText('https://x.example/api/offer?api_key=K123&id=400&token=T9&access_token=A1', []),
    ).toBe(
      'https://x.example/api/offer?api_key=[redacted]&id=400&token=[redacted]&access_token=[redacted]',
    );
    expect(
      redactText('sent Authorization: Bearer abcdef123456 and Basic b3BzOmh1bnRlcjI=', []),
    ).toBe('sent Authorization: Bearer [redacted] and Basic [redacted]');
    expect(redactText('password=hunter2 user=ops', [])).toBe('password=[redacted] user=ops');
    expect(redactSecrets({ reason: 'https://u:p@h/x' })).toEqual({
      reason: 'https://[redacted]@h/x',
    });
  });

  it('shows absolute paths relative to the working directory and home', () => {
    const roots = [
      ['/srv/app/', './'],
      ['/home/ops/', '~/'],
    ] as const;
    expect(
      redactText(
        'Error: boom\n    at run (/srv/app/src/sync/run.ts:10:5)\n    at file:///home/ops/lib/x.js:1:1',
        roots,
      ),
    ).toBe('Error: boom\n    at run (./src/sync/run.ts:10:5)\n    at ~/lib/x.js:1:1');
    expect(redactText(`at x (${process.cwd()}/src/a.ts:1:1)`)).toBe('at x (./src/a.ts:1:1)');
  });
});
