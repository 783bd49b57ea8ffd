// `offer-sync doctor --probe` when an answer cannot be read: exit 1 naming the endpoint and the
// shape found, never values; bad credentials and an unreachable platform in doctor's words;
// nothing secret (API keys, affiliates' password hashes and API keys) on stdout or stderr in
// either output mode; without Redis, requests paced locally to the configured limit; exit 2 on
// configuration errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import {
  API_KEYS,
  answerAs,
  lineOf,
  runProbe,
  startProbeSandboxes,
  type ProbeSandboxes,
} from './probe-harness.js';

const SECRETS = {
  password: '$2y$10$probe-test-password-hash-SECRET',
  apiKey: 'aff-api-key-SECRET-4f1c',
};

interface JsonReport {
  ok: boolean;
  limiter: { kind: string };
  platforms: Record<
    string,
    {
      ok: boolean;
      endpoints: { endpoint: string; ok: boolean; problem?: string; skipped?: string }[];
    }
  >;
  summary: { failed: number };
}

describe('offer-sync doctor --probe when answers cannot be read', () => {
  let sandboxes: ProbeSandboxes;
  beforeAll(async () => {
    sandboxes = await startProbeSandboxes();
    // An affiliate whose secrets are known here (the sample's are derived inside the sandbox).
    await sandboxes.offerit.seed({
      affiliates: [
        {
          loginid: '5',
          username: 'secret_keeper',
          email: 'keeper@example.com',
          password: SECRETS.password,
          api_key: SECRETS.apiKey,
        },
      ],
    });
  });
  afterAll(() => sandboxes.stop());

  it('exits 1 naming a batches answer of an unknown row shape, in both output modes', async () => {
    await answerAs(sandboxes, 'v2');
    await sandboxes.offerslook.settings({
      faults: { rates: { 'wrong-shape': 1 }, path: '^/v1/batches/offers$' },
    });
    const run = await runProbe(sandboxes);
    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, 'offerslook', 'GET /v1/batches/offers')).toBe(
      'FAIL  offerslook GET /v1/batches/offers: rows are neither flat offers nor {offer, offer_event} (data.rowset[0]: {row_type, totals})',
    );
    expect(lineOf(run.stdout, 'offerslook', 'GET /v1/offers')).toMatch(/^ok /);
    expect(run.stdout).toMatch(
      /^probe failed: 1 of 10 endpoints could not be read \(offerslook GET \/v1\/batches\/offers\); /m,
    );
    expect(run.sent.offerslook.every((request) => request.method === 'GET')).toBe(true);

    const json = await runProbe(sandboxes, ['--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report).toMatchObject({ ok: false, summary: { failed: 1 } });
    expect(report.platforms.offerslook!.endpoints[1]).toMatchObject({
      endpoint: 'GET /v1/batches/offers',
      ok: false,
      problem:
        'rows are neither flat offers nor {offer, offer_event} (data.rowset[0]: {row_type, totals})',
    });
  });

  it('exits 1 naming get_details records that are not offers, and skips what needs them', async () => {
    await answerAs(sandboxes, 'v2');
    await sandboxes.offerit.settings({
      faults: { rates: { 'wrong-shape': 1 }, path: '/offer/get_details$' },
    });
    const run = await runProbe(sandboxes);
    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, 'offerit', 'GET /offer/get_details?return_columns')).toBe(
      'FAIL  offerit GET /offer/get_details?return_columns: records are not offers: no offerid or name (message[0]: {row_type, totals})',
    );
    expect(lineOf(run.stdout, 'offerit', 'GET /offer/get_commission_changes')).toMatch(/^skip /);
    expect(lineOf(run.stdout, 'offerit', 'GET /affiliate/search')).toMatch(/^ok /);
    // One window: the walk stops at the first answer it cannot read.
    expect(run.sent.offerit.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/offer/get_details',
      'GET /api/affiliate/search',
    ]);
  });

  it('prints no API key and no affiliate secret, bare or enveloped, lines or JSON, read or not', async () => {
    // The wire does carry them: what is checked is that the probe never lets them out.
    const onTheWire = await fetch(`${sandboxes.env.OFFERIT_BASE_URL}/affiliate/search`, {
      headers: { 'api-username': 'sandbox', 'api-key': API_KEYS.offerit },
    });
    expect(await onTheWire.text()).toContain(SECRETS.apiKey);
    const outputs: string[] = [];
    for (const answers of ['v1', 'v2'] as const) {
      await answerAs(sandboxes, answers);
      for (const args of [[], ['--json']]) {
        const run = await runProbe(sandboxes, args);
        expect(run.code).toBe(0);
        outputs.push(run.stdout, run.stderr);
      }
    }
    // An affiliate/search answer the client cannot parse: named without its excerpt.
    await answerAs(sandboxes, 'v2');
    await sandboxes.offerit.settings({
      faults: { rates: { malformed: 1 }, path: '/affiliate/search$' },
    });
    for (const args of [[], ['--json']]) {
      const run = await runProbe(sandboxes, args);
      expect(run.code).toBe(1);
      outputs.push(run.stdout, run.stderr);
    }
    expect(outputs[8]).toContain(
      'FAIL  offerit GET /affiliate/search: the answer was not JSON (HTTP 200)',
    );
    const printed = outputs.join('\n');
    expect(printed).toContain('GET /affiliate/search');
    for (const secret of [SECRETS.password, SECRETS.apiKey, API_KEYS.offerit, API_KEYS.offerslook])
      expect(printed).not.toContain(secret);
    expect(printed).not.toContain('Fatal error');
  });

  it("fails with doctor's words for bad credentials, never printing the keys", async () => {
    await answerAs(sandboxes, 'v2');
    const run = await runProbe(sandboxes, [], {
      OFFERIT_API_KEY: 'wrong-key-123',
      OFFERSLOOK_API_KEY: 'wrong-key-456',
    });
    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, 'offerit', 'GET /offer/get_details?return_columns')).toMatch(
      /^FAIL +offerit \S+ \S+: credentials, IP allow-list or REST API not enabled: check OFFERIT_API_USERNAME/,
    );
    expect(lineOf(run.stdout, 'offerslook', 'GET /v1/offers')).toMatch(
      /^FAIL +offerslook GET \/v1\/offers: bad credentials: the platform rejected the API key/,
    );
    // Once the credentials are refused, nothing more is asked of that platform.
    expect(lineOf(run.stdout, 'offerit', 'GET /affiliate/search')).toMatch(/^skip .*not asked/);
    expect(lineOf(run.stdout, 'offerslook', 'GET /v1/affiliates')).toMatch(/^skip .*not asked/);
    expect(run.sent.offerslook).toHaveLength(1);
    expect(run.stdout + run.stderr).not.toMatch(/wrong-key-(123|456)/);
  });

  it('fails when a platform is unreachable, and says so', async () => {
    const run = await runProbe(sandboxes, [], {
      OFFERIT_BASE_URL: 'http://127.0.0.1:9/api',
      OFFERIT_TIMEOUT_MS: '2000',
    });
    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, 'offerit', 'GET /offer/get_details?return_columns')).toMatch(
      /^FAIL +offerit \S+ \S+: unreachable or failing: .*connection refused/,
    );
    expect(lineOf(run.stdout, 'offerslook', 'GET /v1/offers')).toMatch(/^ok /);
  });

  it('works without Redis, pacing each network to its configured limit', async () => {
    await answerAs(sandboxes, 'v2');
    const run = await runProbe(sandboxes, ['--json'], {
      REDIS_URL: 'redis://127.0.0.1:1',
      OFFERIT_RATE_LIMIT: '3/1s',
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.limiter.kind).toBe('local');
    const times = run.sent.offerit.map((request) => request.time);
    expect(times.length).toBeGreaterThan(6);
    const mostInASecond = Math.max(
      ...times.map((start) => times.filter((time) => time >= start && time < start + 1000).length),
    );
    expect(mostInASecond).toBeLessThanOrEqual(3);
  });

  it('exits 2 when no platform is configured, or a variable is bad', async () => {
    const none = await runCli(['doctor', '--probe'], { REDIS_URL: sandboxes.env.REDIS_URL! });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('doctor --probe: no platform configured');
    const bad = await runCli(['doctor', '--probe', '--json'], {
      ...sandboxes.env,
      OFFERIT_RATE_LIMIT: 'lots',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('config error: OFFERIT_RATE_LIMIT');
    expect(bad.stdout).toBe('');
  });
});
