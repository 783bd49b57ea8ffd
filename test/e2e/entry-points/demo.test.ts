// `npm start` with nothing configured: the demo starts both sandboxes seeded with the sample
// network, mirrors it, and ends its first mirror with one line per outcome that needs a person
// (the sample has an unmappable revenue type, affiliates without twins, lossy fields), each with
// its reason and a console URL on the service's own HTTP server.
import { afterAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/demo/start-sandboxes.js';
import type { RunSummary } from '../../../src/sync/reconcile/types.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { API_TOKEN, getAuthorized, spawnService, type ServiceProcess } from './service-process.js';

describe('the demo (npm start)', () => {
  let scope: RedisScope | undefined;
  let demo: ServiceProcess | undefined;

  afterAll(async () => {
    await demo?.stop();
    await scope?.cleanup();
  }, 60_000);

  it('mirrors the sample network and prints what needs a person, with where to look', async () => {
    scope = redisScope('entry-demo');
    // No platform variable and no config file: demo mode. REDIS_URL answers, so it is used.
    demo = spawnService(['start'], {
      REDIS_URL: scope.url,
      OFFER_SYNC_PREFIX: scope.prefix,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      API_TOKEN,
    });
    const url = await demo.url;
    expect(demo.output()).toContain('offer-sync is running in demo mode (sandbox platforms)');
    const offerslook = /offerslook\s+(http:\/\/\S+) \(sandbox/.exec(demo.output())?.[1];
    expect(offerslook).toBeDefined();

    // The block is written at once; wait for its last kind of line too.
    await demo.waitForOutput(
      /first mirror done: .*\n(\d+) outcomes need a person:\n/,
      'the outcomes',
      90_000,
    );
    await demo.waitForOutput(
      /^LOSSY +offerslook->offerit currency/m,
      'the last outcome line',
      10_000,
    );
    const output = demo.output();
    const block = output.slice(output.indexOf('first mirror done:'));
    const [header, count, ...lines] = block.trim().split('\n');
    expect(header).toMatch(
      /^first mirror done: offerit->offerslook \d+ created, .*; offerslook->offerit \d+ created, .* [1-9]\d* failed$/,
    );
    expect(lines).toHaveLength(Number(/^(\d+)/.exec(count!)![1]));
    // Every line: what, why, and a page on this service to look at.
    for (const line of lines) {
      expect(line).toMatch(
        /^(FAIL|SKIPPED|LOSSY|NOTE|CONFLICT|DEAD) +\S.*: .+ -> http:\/\/\S+\/console\/\S+$/,
      );
      expect(line).toContain(` -> ${url}/console/`);
    }
    const unmappable = lines.find((line) => line.includes('offerslook:offer:502'));
    expect(unmappable).toMatch(
      /^FAIL +offerslook->offerit offerslook:offer:502: .*revenue_type "RPA\+RPS" has no twin.*\[UNMAPPABLE\]/,
    );
    expect(
      lines.some((line) =>
        /^SKIPPED .*affiliate \d+ on offerit has no twin on offerslook/.test(line),
      ),
    ).toBe(true);
    expect(lines.some((line) => /^LOSSY +offerit->offerslook landing_pages: /.test(line))).toBe(
      true,
    );

    // The run pages named are the runs the service reports.
    const runs = (
      (await (await getAuthorized(url, '/reconcile/runs')).json()) as { runs: RunSummary[] }
    ).runs;
    const named = new Set(lines.flatMap((line) => /\/console\/runs\/(\S+)$/.exec(line)?.[1] ?? []));
    expect(named.size).toBeGreaterThan(0);
    for (const runId of named) expect(runs.map((run) => run.runId)).toContain(runId);
    expect(
      runs
        .filter((run) => run.status === 'done')
        .map((run) => run.route)
        .sort(),
    ).toEqual(['offerit->offerslook', 'offerslook->offerit']);

    // The sample network is on Offerslook now: Offerit's first sample offer among its offers.
    const listed = await fetch(`${offerslook}/v1/offers?limit=100`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${SANDBOX_CREDENTIALS.offerslook.network}:${SANDBOX_CREDENTIALS.offerslook.apiKey}`).toString('base64')}`,
      },
    });
    expect(listed.status).toBe(200);
    expect(await listed.text()).toContain('Summer Dating CPA (GB/DE)');
  }, 150_000);
});
