// The console's operator pages in a real headless Chromium, over a real service: both sandbox
// platforms over HTTP, APPROVE_NEW on (both routes hold new offers back), the app's queues,
// workers and stores on the test Redis. A person approves a held offer (its twin is created
// exactly once), rejects another (its syncs skip it), locks an offer from its entity page (a
// sync then writes nothing), sees it on the locks page and unlocks it, and reads the entity's
// status and history with the money as its exact text and its last error in the platform's
// words; a bad form says what is wrong; read-only refuses an approve with 403.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDeps } from '../../../src/app/console-deps.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { createIngressServer, type IngressServer } from '../../../src/ingress/index.js';
import { createLogger } from '../../../src/log/logger.js';
import { RedisWebhookReplayStore } from '../../../src/store/index.js';
import { startPipelineHarness, type PipelineHarness } from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { offerslookOffersNamed, pipelineNetwork } from '../pipeline/network.js';
import {
  CHROMIUM,
  HAS_CHROMIUM,
  launchChromium,
  warnWithoutChromium,
} from '../../helpers/chromium.js';

const USER = 'ops';
const PASSWORD = 'console-operator-password';
const DATING = 'Summer Dating CPA (GB/DE)';
const OFFER_400 = { kind: 'offer', id: '400' } as const;
const OFFER_401 = { kind: 'offer', id: '401' } as const;

warnWithoutChromium('console e2e');

describe.skipIf(!HAS_CHROMIUM)(`the console's operator pages in Chromium (${CHROMIUM})`, () => {
  let scope: RedisScope;
  let h: PipelineHarness;
  let browser: Browser;
  const servers: IngressServer[] = [];
  let url: string;
  let readOnlyUrl: string;

  async function serve(config: Config): Promise<string> {
    const server = await createIngressServer({
      config,
      logger: createLogger({ level: 'warn' }),
      queues: h.app.queues.all(),
      enqueueSync: () => Promise.reject(new Error('no webhooks in this test')),
      readiness: () => Promise.resolve({ ready: true, checks: {} }),
      metrics: h.app.metrics,
      reconcileRuns: h.app.runs,
      console: consoleDeps(h.app),
      webhookReplays: new RedisWebhookReplayStore(h.app.redis.commands, {
        prefix: `{${scope.prefix}}`,
      }),
    });
    servers.push(server);
    return server.listen({ host: '127.0.0.1', port: 0 });
  }

  /** One signed-in browser context per test, closed after it. */
  async function inBrowser(use: (page: Page) => Promise<void>): Promise<void> {
    const context: BrowserContext = await browser.newContext({
      httpCredentials: { username: USER, password: PASSWORD },
    });
    try {
      await use(await context.newPage());
    } finally {
      await context.close();
    }
  }

  /** An ISO time as the console shows it (showTime). */
  const shownTime = (iso: string): string => new Date(iso).toISOString().replace('.000Z', 'Z');

  const textOf = async (page: Page, selector = 'main'): Promise<string> =>
    (await page.innerText(selector)).replace(/\s+/g, ' ');

  const offerslookPosts = () =>
    h.offerslook.runtime.log.writes().filter((w) => w.method === 'POST' && w.path === '/v1/offers');

  beforeAll(async () => {
    scope = redisScope('e2e-console-operator');
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      seed: pipelineNetwork(),
      env: {
        APPROVE_NEW: 'true',
        DASHBOARD_USER: USER,
        DASHBOARD_PASSWORD: PASSWORD,
        DASHBOARD_READ_ONLY: 'false',
      },
    });
    // Two new offers, held back by the approve_new route.
    expect(await h.sync('offerit', OFFER_400)).toMatchObject({ action: 'pending', writes: 0 });
    expect(await h.sync('offerit', OFFER_401)).toMatchObject({ action: 'pending', writes: 0 });

    url = await serve(h.config);
    readOnlyUrl = await serve(loadConfig({ ...h.env, DASHBOARD_READ_ONLY: 'true' }));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    await h?.stop();
    await scope?.cleanup();
  });

  it('lists the held offers on the pending page and counts them on the overview', async () => {
    const held = await h.app.operator.pending.get('offerit', OFFER_400);
    await inBrowser(async (page) => {
      await page.goto(`${url}/console`);
      expect(await page.textContent('[data-count="pending"]')).toBe('2');
      expect(await page.textContent('[data-count="locks"]')).toBe('0');
      await page.getByRole('link', { name: 'Pending', exact: true }).click();
      await page.waitForURL(`${url}/console/pending`);
      const row = page.locator('tr[data-pending="offerit:offer:400"]');
      const cells = (await row.locator('td').allInnerTexts()).map((cell) => cell.trim());
      expect(cells.slice(0, 5)).toEqual([
        'offerit:offer:400',
        DATING,
        held!.payout, // exactly the text the platform answered, never through a number
        shownTime(held!.firstSeen),
        'offerit->offerslook',
      ]);
      expect(held!.payout).toMatch(/^4\.50?$/);
      expect(await page.locator('tr[data-pending="offerit:offer:401"]').count()).toBe(1);
    });
  });

  it('refuses an approve with 403 when read-only, and nothing changes', async () => {
    await inBrowser(async (page) => {
      await page.goto(`${readOnlyUrl}/console/pending`);
      const row = page.locator('tr[data-pending="offerit:offer:400"]');
      const [response] = await Promise.all([
        page.waitForResponse((answer) => answer.request().method() === 'POST'),
        row.getByRole('button', { name: 'Approve' }).click(),
      ]);
      expect(response.status()).toBe(403);
      await page.waitForLoadState();
      expect(await textOf(page)).toContain(
        'This action was refused because the console is read-only',
      );
    });
    expect(await h.app.operator.pending.get('offerit', OFFER_400)).toBeDefined();
    expect(await h.app.operator.pending.decision('offerit', OFFER_400)).not.toBe('approved');
    expect(offerslookOffersNamed(h.offerslook, DATING)).toEqual([]);
  });

  it('approves an offer: its sync is queued and creates the twin exactly once', async () => {
    let jobId: string | undefined;
    await inBrowser(async (page) => {
      await page.goto(`${url}/console/pending`);
      await page
        .locator('tr[data-pending="offerit:offer:400"]')
        .getByRole('button', { name: 'Approve' })
        .click();
      await page.waitForURL(`${url}/console/pending`);
      const flash = await page.innerText('.flash');
      jobId = /^Approved offerit:offer:400: queued job (\S+) on sync-offerslook\.$/.exec(
        flash,
      )?.[1];
      expect(jobId, flash).toBeDefined();
      expect(await page.locator('tr[data-pending="offerit:offer:400"]').count()).toBe(0);
      expect(await page.locator('tr[data-pending="offerit:offer:401"]').count()).toBe(1);
    });
    expect(await h.result('offerit', jobId!)).toMatchObject({ action: 'create', writes: 1 });
    const link = await h.pair.links.find('offerit', OFFER_400);
    expect(link).toBeDefined();
    expect(offerslookOffersNamed(h.offerslook, DATING)).toEqual([Number(link!.offerslook.key.id)]);
    // A later sync updates nothing and creates nothing more.
    expect(await h.sync('offerit', OFFER_400)).toMatchObject({ action: 'unchanged' });
    expect(offerslookOffersNamed(h.offerslook, DATING)).toHaveLength(1);
    expect(offerslookPosts()).toHaveLength(1);
  });

  it('rejects an offer: it leaves the list and its syncs skip it', async () => {
    await inBrowser(async (page) => {
      await page.goto(`${url}/console/pending`);
      await page
        .locator('tr[data-pending="offerit:offer:401"]')
        .getByRole('button', { name: 'Reject' })
        .click();
      await page.waitForURL(`${url}/console/pending`);
      expect(await page.innerText('.flash')).toBe(
        'Rejected offerit:offer:401: its syncs skip it until it is approved.',
      );
      expect(await textOf(page)).toContain('No offers wait for approval.');
    });
    expect(await h.app.operator.pending.list('offerit')).toEqual([]);
    expect(await h.app.operator.pending.rejection('offerit', OFFER_401)).toMatchObject({
      at: expect.any(String),
    });
    expect(await h.sync('offerit', OFFER_401)).toMatchObject({ action: 'rejected', writes: 0 });
    expect(offerslookPosts()).toHaveLength(1);
  });

  it('names what is wrong with a form that names a bad entity, and changes nothing', async () => {
    await inBrowser(async (page) => {
      await page.goto(`${url}/console/entities/offerit/offer/400`);
      const token = (await page.getAttribute('form input[name="_csrf"]', 'value')) ?? '';
      const post = async (path: string, form: Record<string, string>): Promise<string> => {
        const answer = await page.request.post(`${url}/console${path}`, {
          form: { _csrf: token, ...form },
          maxRedirects: 0,
        });
        expect(answer.status(), path).toBe(303);
        const to = answer.headers().location!;
        await page.goto(`${url}${to}`);
        return `${to} ${await page.innerText('.flash')}`;
      };
      expect(await post('/pending/approve', { ref: 'offerit:goal:400/48' })).toBe(
        '/console/pending Not approved: only new offers wait, got offerit:goal:400/48.',
      );
      expect(await post('/pending/reject', { ref: 'offerit:offer:' })).toMatch(
        /^\/console\/pending Not rejected: .*offerit:offer:/,
      );
      expect(
        await post('/locks/lock', {
          ref: 'elsewhere:offer:400',
          reason: 'x',
          back: '/console/entities/offerit/offer/400',
        }),
      ).toBe(
        '/console/entities/offerit/offer/400 Not locked: no connection named "elsewhere"; configured: offerit, offerslook.',
      );
      // `back` only ever leads to a console page.
      expect(
        await post('/locks/unlock', { ref: 'offerit:offer:400', back: '//evil.example/console' }),
      ).toBe('/console/locks offerit:offer:400 is not locked.');
    });
    expect(await h.app.operator.locks.list('offerit')).toEqual([]);
    expect(await h.app.operator.locks.list('offerslook')).toEqual([]);
  });

  it('locks an offer from its entity page: a sync writes nothing; the locks page unlocks it', async () => {
    const twinId = Number((await h.pair.links.find('offerit', OFFER_400))!.offerslook.key.id);
    const payoutBefore = h.offerslook.state.store.offers.get(twinId)?.payout;
    await inBrowser(async (page) => {
      await page.goto(`${url}/console/entities/offerit/offer/400`);
      expect(await page.innerText('[data-status="lock"]')).toBe('not locked');
      await page.getByLabel('Reason').fill('partner renegotiating <payout>');
      await page.getByRole('button', { name: 'Lock' }).click();
      await page.waitForURL(`${url}/console/entities/offerit/offer/400`);
      expect(await page.innerText('.flash')).toBe(
        'Locked offerit:offer:400: partner renegotiating <payout>. No route writes it until it is unlocked.',
      );
      expect(await page.innerText('[data-status="lock"]')).toMatch(
        /^locked since \d{4}-\d\d-\d\dT[\d:.]+Z: partner renegotiating <payout>$/,
      );
    });
    expect(await h.app.operator.locks.get('offerit', OFFER_400)).toEqual({
      reason: 'partner renegotiating <payout>',
      at: expect.stringMatching(/^\d{4}-/),
    });

    // Changed on Offerit while locked: the sync writes nothing to the twin.
    await h.pair.clients.offerit.update(OFFER_400, { flat_amount_per_conversion: '7.10' });
    h.clearLogs();
    expect(await h.sync('offerit', OFFER_400)).toMatchObject({ action: 'locked', writes: 0 });
    expect(h.offerslook.runtime.log.writes()).toEqual([]);
    expect(h.offerslook.state.store.offers.get(twinId)?.payout).toBe(payoutBefore);

    await inBrowser(async (page) => {
      await page.goto(`${url}/console/locks`);
      const row = page.locator('tr[data-lock="offerit:offer:400"]');
      expect(await row.innerText()).toContain('partner renegotiating <payout>');
      await row.getByRole('button', { name: 'Unlock' }).click();
      await page.waitForURL(`${url}/console/locks`);
      expect(await page.innerText('.flash')).toBe('Unlocked offerit:offer:400.');
      expect(await textOf(page)).toContain('No entity is locked.');
    });
    expect(await h.app.operator.locks.get('offerit', OFFER_400)).toBeUndefined();
  });

  it('shows the status and the history of writes, money as its exact text', async () => {
    const result = await h.sync('offerit', OFFER_400);
    expect(result).toMatchObject({ action: 'update', writes: 1 });
    const history = await h.app.operator.history.list('offerit', OFFER_400);
    const write = history[0]!;
    const field = 'payout';
    const change = write.changes[field]!;
    // Decimal strings as the write recorded them; the page must show these very texts.
    expect(change).toEqual({
      from: expect.stringMatching(/^4\.50?$/),
      to: expect.stringMatching(/^7\.10?$/),
    });
    await inBrowser(async (page) => {
      await page.goto(`${url}/console/entities/offerit/offer/400`);
      expect(await page.innerText('[data-status="last-sync"]')).toContain(
        `update along offerit->offerslook, 1 write, job ${write.jobId}`,
      );
      expect(await page.innerText('[data-status="lock"]')).toBe('not locked');
      expect(await page.innerText('[data-status="approval"]')).toBe('not held');
      const rows = page.locator(`table.history tr[data-history-field="${field}"]`);
      // Newest first: the payout update, then the create.
      const newest = (await rows.first().locator('td').allInnerTexts()).map((cell) => cell.trim());
      expect(newest.slice(-3)).toEqual([field, change.from, change.to]);
      expect(newest.slice(0, 5)).toEqual([
        shownTime(write.at),
        'offerit->offerslook',
        'update',
        write.target,
        write.jobId,
      ]);
      expect(await rows.count()).toBe(2);
    });
  });

  it("shows the last error with the platform's own words", async () => {
    await h.pair.clients.offerit.update(OFFER_400, { preview_url: '' });
    await expect(h.sync('offerit', OFFER_400)).rejects.toThrow(/may not be set to empty/);
    const { lastError } = await h.app.operator.history.activity('offerit', OFFER_400);
    expect(lastError).toMatchObject({ code: 'VALIDATION', final: true });
    await inBrowser(async (page) => {
      await page.goto(`${url}/console/entities/offerit/offer/400`);
      const shown = (await page.innerText('[data-status="last-error"]')).replace(/\s+/g, ' ');
      expect(shown).toContain(`${shownTime(lastError!.at)} VALIDATION along offerit->offerslook`);
      expect(shown).toContain('(failed for good)');
      expect(shown).toContain('may not be set to empty once it has a value');
    });
  });
});
