// Bull Board in a real headless Chromium: the login gate, every queue name on screen, and a
// job's data shown without its secrets (checked on screen and in every API answer the page got).
import { mkdir } from 'node:fs/promises';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisScope } from '../../helpers/redis.js';
import {
  QUEUE_NAMES,
  startIngress,
  type IngressFixture,
} from '../../integration/ingress/ingress-fixture.js';
import {
  CHROMIUM,
  HAS_CHROMIUM,
  launchChromium,
  warnWithoutChromium,
} from '../../helpers/chromium.js';

const USER = 'ops';
const PASSWORD = 'browser-test-password';
const SECRETS = ['SECRET-API-KEY-4242', 'SECRET-TOKEN-7777'];

warnWithoutChromium('dashboard e2e');

describe.skipIf(!HAS_CHROMIUM)(`Bull Board in Chromium (${CHROMIUM})`, () => {
  const scope = redisScope('e2e-dashboard');
  let ingress: IngressFixture;
  let browser: Browser;
  let jobId: string;

  beforeAll(async () => {
    ingress = await startIngress(scope, {
      env: { DASHBOARD_USER: USER, DASHBOARD_PASSWORD: PASSWORD },
    });
    const job = await ingress.queues['sync-offerslook'].add('sync', {
      source: 'offerit',
      kind: 'offer',
      id: '400',
      reason: 'webhook',
      api_key: SECRETS[0],
      auth: { token: SECRETS[1] },
    });
    jobId = job.id!;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await ingress?.close();
    await scope.cleanup();
  });

  it('keeps a browser without credentials out', async () => {
    const context = await browser.newContext();
    try {
      // Headless Chromium cannot show the login prompt, so a Basic challenge fails the navigation.
      const page = await context.newPage();
      await expect(page.goto(`${ingress.url}/admin/queues`)).rejects.toThrow(
        /ERR_INVALID_AUTH_CREDENTIALS/,
      );
      const response = await context.request.get(`${ingress.url}/admin/queues`);
      expect(response.status()).toBe(401);
      expect(response.headers()['www-authenticate']).toMatch(/^Basic /);
      expect(await response.text()).toContain('this route needs credentials: HTTP basic auth');
    } finally {
      await context.close();
    }
  });

  it('shows every queue and a job without its secrets', async () => {
    const context = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
    });
    const apiBodies: string[] = [];
    try {
      // The board's stylesheet asks Google Fonts; keep the test off the internet.
      await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
      const page = await context.newPage();
      page.on('response', (response) => {
        if (response.url().includes('/admin/queues/api/')) {
          apiBodies.push(response.url());
          void response.text().then(
            (text) => apiBodies.push(text),
            () => {},
          );
        }
      });
      const response = await page.goto(`${ingress.url}/admin/queues`);
      expect(response?.status()).toBe(200);
      // Each name shows twice once the overview has rendered: in the sidebar and on its card.
      for (const name of QUEUE_NAMES) {
        await expect
          .poll(() => page.getByText(name, { exact: true }).count(), { timeout: 15_000 })
          .toBeGreaterThanOrEqual(2);
        await expect(page.getByText(name, { exact: true }).first().isVisible()).resolves.toBe(true);
      }
      await mkdir('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });

      await page.goto(`${ingress.url}/admin/queues/queue/sync-offerslook/${jobId}`);
      await page.getByText('[redacted]').first().waitFor({ timeout: 15_000 });
      const shown = await page.innerText('body');
      expect(shown).toContain('"400"');
      expect(shown).toContain('api_key');
      for (const secret of SECRETS) expect(shown).not.toContain(secret);
      expect(await page.content()).not.toContain(SECRETS[0]);
      await page.screenshot({ path: 'test-results/dashboard-job.png', fullPage: true });

      // Every API answer the UI fetched is clean too, not just what it rendered.
      await expect
        .poll(() => apiBodies.some((body) => body.includes('[redacted]')), { timeout: 5000 })
        .toBe(true);
      for (const secret of SECRETS) expect(apiBodies.join('\n')).not.toContain(secret);
    } finally {
      await context.close();
    }
  });
});
