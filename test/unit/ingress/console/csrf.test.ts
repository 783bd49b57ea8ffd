// The console's CSRF check: a token bound to the user and the dashboard password's key, and the
// browser's word on where a POST came from.
import { describe, expect, it } from 'vitest';
import { csrfKey, csrfToken } from '../../../../src/ingress/auth/state-change.js';
import { createCsrf } from '../../../../src/ingress/console/csrf.js';

const SECRET = Buffer.alloc(32, 7);

describe('createCsrf', () => {
  const csrf = createCsrf(SECRET);
  const token = csrf.tokenFor('ops');
  const sameOrigin = {
    host: '127.0.0.1:3000',
    origin: 'http://127.0.0.1:3000',
    'sec-fetch-site': 'same-origin',
  };

  it("accepts the user's own token from the same origin, and from a client that sends no origin", () => {
    expect(csrf.refusal({ user: 'ops', headers: sameOrigin, token })).toBeUndefined();
    expect(csrf.refusal({ user: 'ops', headers: { host: 'x' }, token })).toBeUndefined();
  });

  it('makes the one token the state-change guard checks, the same in every process', () => {
    const login = { user: 'ops', password: 'dashboard-password' };
    expect(createCsrf(csrfKey(login.password)).tokenFor('ops')).toBe(csrfToken(login));
    expect(createCsrf(csrfKey(login.password)).tokenFor('ops')).toBe(
      createCsrf(csrfKey(login.password)).tokenFor('ops'),
    );
  });

  it('binds the token to the user and to the secret', () => {
    expect(csrf.tokenFor('ops')).toBe(token);
    expect(csrf.tokenFor('other')).not.toBe(token);
    expect(createCsrf(Buffer.alloc(32, 8)).tokenFor('ops')).not.toBe(token);
    expect(csrf.refusal({ user: 'other', headers: sameOrigin, token })).toMatch(
      /stale or wrong CSRF token/,
    );
  });

  it('refuses a missing or altered token', () => {
    expect(csrf.refusal({ user: 'ops', headers: sameOrigin, token: undefined })).toMatch(
      /no CSRF token/,
    );
    expect(csrf.refusal({ user: 'ops', headers: sameOrigin, token: `${token}x` })).toMatch(
      /stale or wrong/,
    );
  });

  it('refuses a request another site or origin sent, even with a valid token', () => {
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect(
        csrf.refusal({ user: 'ops', headers: { ...sameOrigin, 'sec-fetch-site': site }, token }),
      ).toMatch(new RegExp(`Sec-Fetch-Site: ${site}`));
    }
    expect(
      csrf.refusal({
        user: 'ops',
        headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' },
        token,
      }),
    ).toMatch(/another origin \(http:\/\/127\.0\.0\.1:3001\)/);
    expect(csrf.refusal({ user: 'ops', headers: { host: 'a', origin: 'null' }, token })).toMatch(
      /another origin/,
    );
    // A proxy that names the host it was asked for is believed: a browser form cannot set that header.
    expect(
      csrf.refusal({
        user: 'ops',
        headers: {
          host: 'internal:3000',
          'x-forwarded-host': 'ops.example.com',
          origin: 'https://ops.example.com',
        },
        token,
      }),
    ).toBeUndefined();
  });
});
