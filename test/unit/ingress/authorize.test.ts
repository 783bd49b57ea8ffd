// The authentication decision and the state-change guard, on plain values.
import { describe, expect, it } from 'vitest';
import { authorize, type AuthSettings } from '../../../src/ingress/auth/authorize.js';
import { checkStateChange, csrfToken } from '../../../src/ingress/auth/state-change.js';

const dashboard = { user: 'ops', password: 'pw' };
const all: AuthSettings = { dashboard, apiToken: 'api-token', metricsToken: 'metrics-token' };
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('authorize', () => {
  it('opens only the probes (GET and HEAD) and the webhook POST without credentials', () => {
    for (const [method, route] of [
      ['GET', '/healthz'],
      ['HEAD', '/readyz'],
      ['POST', '/webhooks/:connection'],
    ] as const) {
      expect(
        authorize({ method, route, authorization: undefined }, all).ok,
        `${method} ${route}`,
      ).toBe(true);
    }
    for (const [method, route] of [
      ['POST', '/healthz'],
      ['GET', '/webhooks/:connection'],
      ['GET', '/metrics'],
      ['GET', undefined],
      ['GET', '/admin/queues'],
    ] as const) {
      expect(
        authorize({ method, route, authorization: undefined }, all),
        `${method} ${route}`,
      ).toMatchObject({
        ok: false,
        status: 401,
        code: 'UNAUTHORIZED',
        challenge: 'Basic realm="offer-sync dashboard", charset="UTF-8"',
      });
    }
  });

  it('tells who came in: the dashboard login, automation, or Prometheus on /metrics only', () => {
    const as = (route: string, authorization: string) =>
      authorize({ method: 'GET', route, authorization }, all);
    expect(as('/admin/queues', basic('ops', 'pw'))).toEqual({
      ok: true,
      principal: { kind: 'dashboard', user: 'ops' },
    });
    expect(as('/admin/queues', 'Bearer api-token')).toEqual({
      ok: true,
      principal: { kind: 'api' },
    });
    expect(as('/metrics', 'bearer metrics-token')).toEqual({
      ok: true,
      principal: { kind: 'metrics' },
    });
    expect(as('/admin/queues', 'Bearer metrics-token')).toMatchObject({
      ok: false,
      message: 'wrong bearer token',
    });
    expect(as('/admin/queues', basic('ops', 'pw:x'))).toMatchObject({
      ok: false,
      message: 'wrong dashboard user name or password',
    });
    expect(as('/admin/queues', 'Basic %%%')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^malformed basic auth/),
    });
  });

  it('closes protected routes when nothing is configured, and challenges for a bearer token without a dashboard', () => {
    expect(
      authorize({ method: 'GET', route: '/metrics', authorization: 'Bearer x' }, {}),
    ).toMatchObject({
      ok: false,
      message:
        'no credentials are configured, so this route is closed: set METRICS_TOKEN, API_TOKEN or DASHBOARD_USER and DASHBOARD_PASSWORD',
    });
    expect(
      authorize({ method: 'GET', route: '/x', authorization: basic('a', 'b') }, { apiToken: 't' }),
    ).toMatchObject({
      ok: false,
      challenge: 'Bearer realm="offer-sync"',
      message: 'basic auth is not configured here: use Authorization: Bearer <API_TOKEN>',
    });
  });
});

describe('checkStateChange', () => {
  const login = { kind: 'dashboard', user: 'ops' } as const;
  const request = {
    principal: login,
    host: 'sync.example:3000',
    origin: 'http://sync.example:3000',
    secFetchSite: 'same-origin',
    csrfToken: csrfToken(dashboard),
  };
  const writable = { readOnly: false, dashboard, requireToken: true };

  it('refuses everything read-only, whoever asks', () => {
    for (const principal of [login, { kind: 'api' } as const]) {
      expect(
        checkStateChange({ ...request, principal }, { ...writable, readOnly: true }),
      ).toMatchObject({ ok: false, status: 403, code: 'READ_ONLY' });
    }
  });

  it('takes bearer requests without CSRF proof, and our own pages with it', () => {
    expect(
      checkStateChange(
        {
          principal: { kind: 'api' },
          host: undefined,
          origin: 'https://evil.example',
          secFetchSite: 'cross-site',
          csrfToken: undefined,
        },
        writable,
      ),
    ).toEqual({ ok: true });
    expect(checkStateChange(request, writable)).toEqual({ ok: true });
    // Without the fetch metadata (an older browser or a script with the login) the token suffices.
    expect(
      checkStateChange({ ...request, origin: undefined, secFetchSite: undefined }, writable),
    ).toEqual({ ok: true });
  });

  it('refuses a browser login from elsewhere, or without the token where one is required', () => {
    for (const changed of [
      { secFetchSite: 'cross-site' },
      { secFetchSite: 'same-site' },
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { csrfToken: undefined },
      { csrfToken: csrfToken({ user: 'ops', password: 'other' }) },
    ]) {
      expect(
        checkStateChange({ ...request, ...changed }, writable),
        JSON.stringify(changed),
      ).toMatchObject({ ok: false, status: 403, code: 'CSRF' });
    }
    // Where no token can be sent (Bull Board), the fetch metadata must be there.
    expect(
      checkStateChange({ ...request, csrfToken: undefined }, { ...writable, requireToken: false }),
    ).toEqual({ ok: true });
    expect(
      checkStateChange(
        { ...request, csrfToken: undefined, origin: undefined, secFetchSite: undefined },
        { ...writable, requireToken: false },
      ),
    ).toMatchObject({ code: 'CSRF' });
    expect(
      checkStateChange({ ...request, principal: { kind: 'metrics' } }, writable),
    ).toMatchObject({ status: 401 });
  });

  it('derives the token from the login: stable, and void once the password changes', () => {
    expect(csrfToken(dashboard)).toBe(csrfToken({ ...dashboard }));
    expect(csrfToken(dashboard)).not.toBe(csrfToken({ user: 'ops', password: 'pw2' }));
    expect(csrfToken(dashboard)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
