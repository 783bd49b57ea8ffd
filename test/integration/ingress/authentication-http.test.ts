// Only operators: every route the server registered (walked from its own route table, so
// routes added later are walked too) answers 401 and nothing else without credentials, except
// the probes; each credential opens what the README says it opens; security headers are on
// every answer; Bull Board's actions are refused read-only and, from a browser, cross-site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisScope } from '../../helpers/redis.js';
import { API_TOKEN, BEARER, startIngress, type IngressFixture } from './ingress-fixture.js';

const USER = 'ops';
const PASSWORD = 'auth-test-dashboard-password';
const METRICS_TOKEN = 'auth-test-metrics-token';
const SECRET = 'auth-test-webhook-secret';
const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const OPEN = new Set(['/healthz', '/readyz']);

/** A concrete path for a route pattern: `:param` and `*` filled in. */
function pathOf(pattern: string): string {
  return pattern
    .replace(/:connection/g, 'offerit')
    .replace(/:[A-Za-z_]+/g, '1')
    .replace(/\*/g, 'x');
}

describe('authentication over HTTP', () => {
  const scope = redisScope('ingress-auth');
  let ingress: IngressFixture;
  beforeAll(async () => {
    ingress = await startIngress(scope, {
      env: {
        DASHBOARD_USER: USER,
        DASHBOARD_PASSWORD: PASSWORD,
        METRICS_TOKEN,
        WEBHOOK_SECRET: SECRET,
      },
    });
  });
  afterAll(async () => {
    await ingress?.close();
    await scope.cleanup();
  });

  it('walks the whole route table: without credentials only the probes answer', async () => {
    // Sanity: the table holds what this test must cover, Bull Board's API among it.
    const urls = new Set(ingress.routes.map((route) => route.url));
    for (const url of ['/healthz', '/readyz', '/metrics', '/webhooks/:connection', '/admin/queues'])
      expect(urls, url).toContain(url);
    expect(ingress.routes.length).toBeGreaterThan(15);
    const walked: string[] = [];
    for (const { method, url } of ingress.routes) {
      const path = pathOf(url);
      const response = await fetch(`${ingress.url}${path}`, {
        method,
        ...(['GET', 'HEAD'].includes(method)
          ? {}
          : { body: '{}', headers: { 'content-type': 'application/json' } }),
      });
      const text = await response.text();
      const label = `${method} ${url}`;
      walked.push(label);
      if (OPEN.has(url)) {
        expect(response.status, label).toBeLessThan(500);
        continue;
      }
      expect(response.status, label).toBe(401);
      if (method === 'HEAD') continue;
      const body = JSON.parse(text) as { error: { code: string } };
      // The error and nothing else: no data of any kind.
      expect(Object.keys(body), label).toEqual(['error']);
      expect(body.error.code, label).toMatch(/^(UNAUTHORIZED|MISSING_TIMESTAMP)$/);
      expect(text, label).not.toMatch(/sync-offerit|offer_sync_|"queues"/);
    }
    expect(walked).toContain('POST /webhooks/:connection');
    expect(walked.some((label) => label.startsWith('PUT /admin/queues/api/'))).toBe(true);
    expect(ingress.enqueued).toEqual([]);
  });

  it('refuses wrong credentials everywhere the same way', async () => {
    for (const headers of [
      basic(USER, 'wrong'),
      basic('root', PASSWORD),
      { authorization: 'Bearer nope' },
      { authorization: `Bearer ${API_TOKEN}x` },
      { authorization: 'Digest username="ops"' },
      { authorization: 'Basic !!!' },
    ]) {
      for (const path of ['/metrics', '/admin/queues/api/queues', '/reconcile/runs', '/nope']) {
        const response = await fetch(`${ingress.url}${path}`, { headers });
        expect(response.status, `${path} ${headers.authorization}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(
          /^Basic realm="offer-sync dashboard"/,
        );
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'UNAUTHORIZED',
        );
      }
    }
  });

  it('opens everything to the dashboard login and to API_TOKEN, and /metrics alone to METRICS_TOKEN', async () => {
    for (const headers of [basic(USER, PASSWORD), BEARER]) {
      expect((await fetch(`${ingress.url}/metrics`, { headers })).status).toBe(200);
      expect((await fetch(`${ingress.url}/admin/queues/api/queues`, { headers })).status).toBe(200);
    }
    const scrape = { authorization: `Bearer ${METRICS_TOKEN}` };
    const metrics = await fetch(`${ingress.url}/metrics`, { headers: scrape });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('offer_sync_jobs');
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/nope']) {
      expect((await fetch(`${ingress.url}${path}`, { headers: scrape })).status, path).toBe(401);
    }
  });

  it('keeps webhooks on their signatures: bearer or basic credentials do not make one valid', async () => {
    const response = await fetch(`${ingress.url}/webhooks/offerit`, {
      method: 'POST',
      headers: { ...BEARER, 'content-type': 'application/json' },
      body: '{"entity":"offer","id":"1"}',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'MISSING_TIMESTAMP' } });
    expect(ingress.enqueued).toEqual([]);
  });

  it('sends anti-framing and no-sniff headers on the dashboard, refusals and JSON alike', async () => {
    for (const [path, headers] of [
      ['/admin/queues', basic(USER, PASSWORD)],
      ['/admin/queues', {}],
      ['/healthz', {}],
      ['/metrics', BEARER],
    ] as const) {
      const response = await fetch(`${ingress.url}${path}`, { headers });
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain(
        "frame-ancestors 'none'",
      );
    }
  });

  it('refuses Bull Board actions under DASHBOARD_READ_ONLY (the default), whoever asks', async () => {
    for (const headers of [basic(USER, PASSWORD), BEARER]) {
      const response = await fetch(`${ingress.url}/admin/queues/api/queues/sync-offerit/pause`, {
        method: 'PUT',
        headers: { ...headers, origin: ingress.url },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'READ_ONLY' } });
    }
    expect(await ingress.queues['sync-offerit'].isPaused()).toBe(false);
  });
});

describe('Bull Board actions with DASHBOARD_READ_ONLY=false', () => {
  const scope = redisScope('ingress-auth-rw');
  let ingress: IngressFixture;
  beforeAll(async () => {
    ingress = await startIngress(scope, {
      env: { DASHBOARD_USER: USER, DASHBOARD_PASSWORD: PASSWORD, DASHBOARD_READ_ONLY: 'false' },
    });
  });
  afterAll(async () => {
    await ingress?.close();
    await scope.cleanup();
  });

  const pause = (headers: Record<string, string>) =>
    fetch(`${ingress.url}/admin/queues/api/queues/sync-offerit/pause`, { method: 'PUT', headers });

  it('refuses a browser login from another site or without proof of origin (CSRF)', async () => {
    const login = basic(USER, PASSWORD);
    for (const headers of [
      login,
      { ...login, origin: 'https://evil.example' },
      { ...login, 'sec-fetch-site': 'cross-site' },
      { ...login, 'sec-fetch-site': 'same-site', origin: ingress.url },
    ]) {
      const response = await pause(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'CSRF' } });
    }
    expect(await ingress.queues['sync-offerit'].isPaused()).toBe(false);
  });

  it("takes the board's own page's request, and automation's bearer token", async () => {
    const sameOrigin = {
      ...basic(USER, PASSWORD),
      origin: ingress.url,
      'sec-fetch-site': 'same-origin',
    };
    expect((await pause(sameOrigin)).status).toBeLessThan(300);
    expect(await ingress.queues['sync-offerit'].isPaused()).toBe(true);
    const resume = await fetch(`${ingress.url}/admin/queues/api/queues/sync-offerit/resume`, {
      method: 'PUT',
      headers: BEARER,
    });
    expect(resume.status).toBeLessThan(300);
    expect(await ingress.queues['sync-offerit'].isPaused()).toBe(false);
  });
});

describe('without any credentials configured', () => {
  const scope = redisScope('ingress-auth-none');
  let ingress: IngressFixture;
  beforeAll(async () => {
    ingress = await startIngress(scope, { env: { API_TOKEN: '' } });
  });
  afterAll(async () => {
    await ingress?.close();
    await scope.cleanup();
  });

  it('closes every protected route, saying what to set, and still answers the probes', async () => {
    for (const path of ['/metrics', '/admin/queues', '/reconcile/runs', '/nope']) {
      const response = await fetch(`${ingress.url}${path}`, { headers: BEARER });
      expect(response.status, path).toBe(401);
      expect(await response.json()).toEqual({
        error: {
          code: 'UNAUTHORIZED',
          message: expect.stringMatching(
            /^no credentials are configured, so this route is closed: set .*API_TOKEN or DASHBOARD_USER and DASHBOARD_PASSWORD$/,
          ),
        },
      });
    }
    expect((await fetch(`${ingress.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${ingress.url}/readyz`)).status).toBe(200);
  });
});
