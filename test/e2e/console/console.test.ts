// The console in a real headless Chromium, over a real service: both sandbox platforms over
// HTTP, the app's queues, workers and stores on the test Redis, and the ingress server the
// service runs. A reconciliation that updates a payout, a manual conflict and a dead letter are
// produced the way they happen in production; then a person's view: every page renders what the
// stores hold (money as its exact text), "keep" resolves the conflict on the platform, "replay"
// empties the dead-letter queue and the job completes, and the console is never open: no login
// is 401, read-only refuses with 403, a forged or foreign POST is refused.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDeps } from '../../../src/app/console-deps.js';
import { createReconcilers } from '../../../src/app/reconcilers.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { createIngressServer, type IngressServer } from '../../../src/ingress/index.js';
import { createLogger } from '../../../src/log/logger.js';
import { createDeadLetters } from '../../../src/queue/index.js';
import { runReconcile, type ReconcileReport } from '../../../src/sync/reconcile/index.js';
import { decimal } from '../../helpers/decimal-matcher.js';
import { startPipelineHarness, type PipelineHarness } from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { pipelineNetwork } from '../pipeline/network.js';
import { RedisWebhookReplayStore } from '../../../src/store/index.js';
import {
  CHROMIUM,
  HAS_CHROMIUM,
  launchChromium,
  warnWithoutChromium,
} from '../../helpers/chromium.js';

const USER = 'ops';
const PASSWORD = 'console-test-password';
const SHIPPED_MAPPINGS = new URL('../../../mappings/', import.meta.url);

warnWithoutChromium('console e2e');

/** The shipped mappings with the offer route's conflicts left to a person (`conflict: manual`). */
async function manualMappings(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'offer-sync-console-'));
  for (const name of await readdir(SHIPPED_MAPPINGS)) {
    const text = await readFile(new URL(name, SHIPPED_MAPPINGS), 'utf8');
    const variant =
      name === 'offer.yaml' ? text.replace(/^conflict: newest-wins$/m, 'conflict: manual') : text;
    if (name === 'offer.yaml' && variant === text)
      throw new Error('offer.yaml no longer says "conflict: newest-wins"');
    await writeFile(join(dir, name), variant);
  }
  return dir;
}

describe.skipIf(!HAS_CHROMIUM)(`the console in Chromium (${CHROMIUM})`, () => {
  let scope: RedisScope;
  let h: PipelineHarness;
  let mappingsDir: string;
  let browser: Browser;
  const servers: IngressServer[] = [];
  let url: string;
  let readOnlyUrl: string;
  let run: ReconcileReport;
  let conflictId: string;
  let twin402: string;
  let twin400: string;
  let letterId: string;

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

  const signedIn = (): Promise<BrowserContext> =>
    browser.newContext({ httpCredentials: { username: USER, password: PASSWORD } });

  /** The page's text with its whitespace as a person reads it. */
  const textOf = async (page: Page, selector = 'main'): Promise<string> =>
    (await page.innerText(selector)).replace(/\s+/g, ' ');

  beforeAll(async () => {
    mappingsDir = await manualMappings();
    scope = redisScope('e2e-console');
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      seed: pipelineNetwork(),
      env: {
        MAPPINGS_DIR: mappingsDir,
        DASHBOARD_USER: USER,
        DASHBOARD_PASSWORD: PASSWORD,
        DASHBOARD_READ_ONLY: 'false',
      },
    });

    // A reconciliation that creates every offer, then one that updates a payout.
    const reconciler = (await createReconcilers(h.app)('offerit', 'offerslook'))!;
    const reconcile = () =>
      runReconcile(
        { from: 'offerit', to: 'offerslook', entity: 'offer', dryRun: false },
        reconciler.deps,
      );
    await reconcile();
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '401' },
      { flat_amount_per_conversion: '7.50' },
    );
    run = await reconcile();

    // A field changed on both sides under the manual policy: a conflict.
    const link402 = await h.pair.links.find('offerit', { kind: 'offer', id: '402' });
    twin402 = link402!.offerslook.key.id;
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '402' },
      { name: 'Casino <b>Offerit</b>' },
    );
    await h.pair.clients.offerslook.update(
      { kind: 'offer', id: twin402 },
      { name: 'Casino "Offerslook"' },
    );
    const conflicted = await h.sync('offerit', { kind: 'offer', id: '402' });
    expect(conflicted.action).toBe('conflict');
    conflictId = conflicted.conflictId!;

    // A permanent refusal: a dead letter.
    twin400 = (await h.pair.links.find('offerit', { kind: 'offer', id: '400' }))!.offerslook.key.id;
    await h.pair.clients.offerit.update({ kind: 'offer', id: '400' }, { preview_url: '' });
    await expect(h.sync('offerit', { kind: 'offer', id: '400' })).rejects.toThrow(
      /may not be set to empty/,
    );
    const letters = await createDeadLetters(h.app.queues).list();
    expect(letters).toHaveLength(1);
    letterId = letters[0]!.id;

    url = await serve(h.config);
    readOnlyUrl = await serve(loadConfig({ ...h.env, DASHBOARD_READ_ONLY: 'true' }));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    await h?.stop();
    await scope?.cleanup();
    if (mappingsDir) await rm(mappingsDir, { recursive: true, force: true });
  });

  it('keeps a browser without credentials out, with 401', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await expect(page.goto(`${url}/console`)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
      for (const path of ['/console', '/console/conflicts', '/console/console.css']) {
        const response = await context.request.get(`${url}${path}`);
        expect(response.status(), path).toBe(401);
        expect(response.headers()['www-authenticate']).toMatch(/^Basic /);
      }
      const post = await context.request.post(`${url}/console/conflicts/${conflictId}/resolve`, {
        form: { keep: 'offerit' },
      });
      expect(post.status()).toBe(401);
      const wrong = await browser.newContext({
        httpCredentials: { username: USER, password: 'not-the-password' },
      });
      expect((await wrong.request.get(`${url}/console`)).status()).toBe(401);
      await wrong.close();
    } finally {
      await context.close();
    }
    expect(await h.pair.conflicts.get(conflictId)).toBeDefined();
  });

  it('is not served at all without dashboard credentials', async () => {
    const { DASHBOARD_USER: _user, DASHBOARD_PASSWORD: _password, ...env } = h.env;
    // Every route needs credentials (authenticate.ts): automation's API_TOKEN gets past the
    // hook and finds no console; a browser without credentials is refused before that.
    const token = 'console-test-api-token';
    const openUrl = await serve(loadConfig({ ...env, API_TOKEN: token }));
    const context = await browser.newContext();
    const bearer = { authorization: `Bearer ${token}` };
    try {
      for (const path of ['/console', '/console/conflicts']) {
        const response = await context.request.get(`${openUrl}${path}`, { headers: bearer });
        expect(response.status(), path).toBe(404);
        expect(await response.text()).toContain('DASHBOARD_DISABLED');
        expect((await context.request.get(`${openUrl}${path}`)).status(), path).toBe(401);
      }
      const post = await context.request.post(
        `${openUrl}/console/dead-letters/${letterId}/replay`,
        {
          headers: bearer,
        },
      );
      expect(post.status()).toBe(404);
    } finally {
      await context.close();
    }
    expect(await createDeadLetters(h.app.queues).list()).toHaveLength(1);
  });

  it('shows the overview: open conflicts, dead letters per connection, the last runs', async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      const response = await page.goto(`${url}/console`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()).toMatchObject({
        'x-frame-options': 'DENY',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'x-content-type-options': 'nosniff',
      });
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(await page.textContent('[data-count="conflicts"]')).toBe('1');
      expect(await page.textContent('[data-count="dead-letters"]')).toBe('1');
      const text = await textOf(page);
      expect(text).toContain('offerslook: 1');
      expect(text).toContain(run.runId);
      // The stylesheet loads under the CSP (same origin), so the page is styled.
      const background = await page.evaluate(
        "getComputedStyle(document.querySelector('header')).backgroundColor",
      );
      expect(background).toBe('rgb(23, 50, 79)');
      await mkdir('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/console-overview.png', fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("lists the runs and shows a run's items with field diffs, money as its exact text", async () => {
    const item = run.items.find((candidate) => candidate.sourceId === 'offer:401');
    expect(item).toMatchObject({
      action: 'update',
      changes: { payout: { to: decimal('7.50') } },
    });
    const { from, to } = item!.changes.payout!;
    const context = await signedIn();
    try {
      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByRole('link', { name: 'Runs', exact: true }).click();
      await page.waitForURL(`${url}/console/runs`);
      expect(await textOf(page)).toContain('offerit->offerslook');
      await page.getByRole('link', { name: run.runId }).click();
      await page.waitForURL(`${url}/console/runs/${run.runId}`);
      const row = page.locator('table.items tr', { hasText: 'payout' });
      const cells = await row.locator('td').allInnerTexts();
      // field, from, to: each exactly as the report stored it (a decimal's trailing zero kept).
      const at = cells.indexOf('payout');
      expect(at).toBeGreaterThanOrEqual(0);
      expect(cells.slice(at, at + 3)).toEqual(['payout', String(from), String(to)]);
      // Money travels as decimal text end to end: never a float on its way to the page.
      expect([typeof from, typeof to]).toEqual(['string', 'string']);
      expect(await textOf(page)).toContain('offerit:offer:401');
      await page.getByRole('link', { name: 'offerit:offer:401' }).click();
      await page.waitForURL(`${url}/console/entities/offerit/offer/401`);
      expect(await textOf(page)).toContain('Twin: offerslook:offer:');
      await page.screenshot({ path: 'test-results/console-run.png', fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('refuses actions with 403 when read-only, and says why', async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      await page.goto(`${readOnlyUrl}/console/conflicts`);
      expect(await textOf(page)).toContain('Read-only: DASHBOARD_READ_ONLY is on');
      const [response] = await Promise.all([
        page.waitForResponse((answer) => answer.request().method() === 'POST'),
        page.getByRole('button', { name: 'Keep offerit' }).click(),
      ]);
      expect(response.status()).toBe(403);
      await page.waitForLoadState();
      expect(await textOf(page)).toContain(
        'This action was refused because the console is read-only',
      );
    } finally {
      await context.close();
    }
    expect(await h.pair.conflicts.get(conflictId)).toBeDefined();
    expect(h.offerit.state.offers.get('402')?.fields.name).toBe('Casino <b>Offerit</b>');
  });

  it('refuses a POST without the CSRF token, or from another site', async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      await page.goto(`${url}/console/conflicts`);
      const token = await page.getAttribute('form input[name="_csrf"]', 'value');
      expect(token).toMatch(/^[\w-]{20,}$/);
      const action = `${url}/console/conflicts/${conflictId}/resolve`;
      const noToken = await context.request.post(action, { form: { keep: 'offerit' } });
      expect(noToken.status()).toBe(403);
      expect(await noToken.text()).toContain('carried no CSRF token');
      const wrongToken = await context.request.post(action, {
        form: { keep: 'offerit', _csrf: `${token!.slice(0, -2)}xx` },
      });
      expect(wrongToken.status()).toBe(403);
      const crossSite = await context.request.post(action, {
        form: { keep: 'offerit', _csrf: token! },
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      });
      expect(crossSite.status()).toBe(403);
      expect(await crossSite.text()).toContain('came from another site');
      const otherOrigin = await context.request.post(action, {
        form: { keep: 'offerit', _csrf: token! },
        headers: { origin: 'https://evil.example' },
      });
      expect(otherOrigin.status()).toBe(403);
      expect(await otherOrigin.text()).toContain('came from another origin');
      // A page on another origin that auto-submits a form at the console is refused too.
      const evil = await context.newPage();
      await evil.route('http://evil.example/**', (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<form id="f" method="post" action="${action}"><input name="keep" value="offerit"><input name="_csrf" value="${token!}"></form><script>document.getElementById('f').submit()</script>`,
        }),
      );
      const [forged] = await Promise.all([
        evil.waitForResponse((answer) => answer.url() === action),
        evil.goto('http://evil.example/'),
      ]);
      expect(forged.status()).toBe(403);
    } finally {
      await context.close();
    }
    expect(await h.pair.conflicts.get(conflictId)).toBeDefined();
    expect(h.offerit.state.offers.get('402')?.fields.name).toBe('Casino <b>Offerit</b>');
  });

  it('shows the conflict with both sides and resolves it with "keep"', async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      await page.goto(`${url}/console`);
      await page.getByRole('link', { name: 'Conflicts', exact: true }).click();
      const section = page.locator(`[data-conflict="${conflictId}"]`);
      const row = await section.locator('tr', { hasText: 'name' }).locator('td').allInnerTexts();
      // Markup in a platform's value is shown as text, never run as markup.
      expect(row).toEqual(['name', 'Casino <b>Offerit</b>', 'Casino "Offerslook"']);
      expect(await section.locator('b').count()).toBe(0);
      expect(await textOf(page)).toContain(`offerit:offer:402`);
      await page.screenshot({ path: 'test-results/console-conflicts.png', fullPage: true });

      await section.getByRole('button', { name: 'Keep offerslook' }).click();
      await page.waitForURL(`${url}/console/conflicts`);
      const flash = await page.innerText('.flash');
      expect(flash).toContain(`Conflict ${conflictId} resolved: kept offerslook`);
      expect(await textOf(page)).toContain('No open conflicts.');
      // The flash shows once: a reload no longer has it.
      await page.reload();
      expect(await page.locator('.flash').count()).toBe(0);
    } finally {
      await context.close();
    }
    expect(await h.pair.conflicts.list()).toEqual([]);
    expect(h.offerit.state.offers.get('402')?.fields.name).toBe('Casino "Offerslook"');
    expect(h.offerslook.state.store.offers.get(Number(twin402))?.name).toBe('Casino "Offerslook"');
  });

  it('lists the dead letter with its reason and links, and replays it to a completed job', async () => {
    // The cause fixed on Offerit first, as a person would.
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '400' },
      { preview_url: 'https://landing.example.com/dating/v3/' },
    );
    const context = await signedIn();
    try {
      const page = await context.newPage();
      await page.goto(`${url}/console/dead-letters`);
      const text = await textOf(page);
      expect(text).toContain('Into offerslook: 1 letter');
      expect(text).toContain('may not be set to empty once it has a value');
      expect(text).toContain('VALIDATION');
      const row = page.locator(`tr[data-letter="${letterId}"]`);
      expect(await row.getByRole('link', { name: letterId }).getAttribute('href')).toBe(
        `/admin/queues/queue/dlq-offerslook/${letterId}`,
      );
      expect(await row.getByRole('link', { name: 'offerit:offer:400' }).getAttribute('href')).toBe(
        '/console/entities/offerit/offer/400',
      );

      await row.getByRole('button', { name: 'Replay' }).click();
      await page.waitForURL(`${url}/console/dead-letters`);
      const flash = await page.innerText('.flash');
      const jobId = new RegExp(`^Replayed ${letterId} as job (\\S+) on sync-offerslook\\.$`).exec(
        flash,
      )?.[1];
      expect(jobId, flash).toBeDefined();
      expect(await textOf(page)).toContain('No dead letters.');
      const result = await h.result('offerit', jobId!);
      expect(result).toMatchObject({
        action: 'update',
        changes: { preview_url: { to: 'https://landing.example.com/dating/v3/' } },
      });
    } finally {
      await context.close();
    }
    expect(await createDeadLetters(h.app.queues).list()).toEqual([]);
    expect(h.offerslook.state.store.offers.get(Number(twin400))?.preview_url).toBe(
      'https://landing.example.com/dating/v3/',
    );
  });

  it('looks an entity up by ref and shows its twin and last synced values', async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      await page.goto(`${url}/console/entities`);
      await page.getByRole('textbox').fill('offerit:offer:nope/x/y');
      await page.getByRole('button', { name: 'Look up' }).click();
      expect(await textOf(page)).toContain('the id of "offerit:offer:nope/x/y" must be');
      await page.getByRole('textbox').fill('elsewhere:offer:400');
      await page.getByRole('button', { name: 'Look up' }).click();
      expect(await textOf(page)).toContain('no connection named "elsewhere"');

      await page.getByRole('textbox').fill('offerit:offer:400');
      await page.getByRole('button', { name: 'Look up' }).click();
      await page.waitForURL(`${url}/console/entities/offerit/offer/400`);
      const text = await textOf(page);
      expect(text).toContain(`Twin: offerslook:offer:${twin400}`);
      expect(text).toContain('offerit->offerslook');
      const preview = await page
        .locator('table.fields[data-side="offerslook"] tr', { hasText: 'preview_url' })
        .locator('td')
        .allInnerTexts();
      expect(preview).toEqual(['preview_url', 'https://landing.example.com/dating/v3/']);
      // From the twin's side the same link is seen the other way round.
      await page.getByRole('link', { name: `offerslook:offer:${twin400}` }).click();
      await page.waitForURL(`${url}/console/entities/offerslook/offer/${twin400}`);
      expect(await textOf(page)).toContain('Twin: offerit:offer:400');
      await page.screenshot({ path: 'test-results/console-entity.png', fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("links Bull Board's job pages to the console's entity pages", async () => {
    const job = (await h.app.queues.sync.offerslook!.getCompleted()).find(
      (candidate) => candidate.data.id === '400' && candidate.data.reason === 'replay',
    );
    expect(job).toBeDefined();
    const context = await signedIn();
    try {
      await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
      const page = await context.newPage();
      await page.goto(`${url}/admin/queues/queue/sync-offerslook/${job!.id}`);
      const link = page.getByRole('link', { name: 'console: offerit:offer:400' });
      await link.waitFor({ timeout: 15_000 });
      expect(await link.getAttribute('href')).toBe('/console/entities/offerit/offer/400');
    } finally {
      await context.close();
    }
  });
});
