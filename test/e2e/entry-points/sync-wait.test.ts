// `offer-sync sync --wait` as an operator runs it: with no worker it says so at once and queues
// nothing; with `offer-sync worker` running it prints the worker's result; `--inline` runs the
// sync in the CLI process itself, and `--json` has one shape for both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipelineHarness, type PipelineHarness } from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';

interface SyncReport {
  target: string;
  mode: string;
  problem?: string;
  routes: {
    route: string;
    target: string;
    status: string;
    jobId?: string;
    queue?: string;
    result?: { action: string; sourceId: string; targetId?: string };
    reason?: string;
  }[];
}

describe('offer-sync sync --wait / --inline', () => {
  let scope: RedisScope;
  let h: PipelineHarness;

  beforeAll(async () => {
    scope = redisScope('entry-sync-wait');
    h = await startPipelineHarness({ redisUrl: scope.url, prefix: scope.prefix, workers: false });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await scope?.cleanup();
  });

  it('without a worker: exits 3 at once, says so, suggests start/worker/--inline, queues nothing', async () => {
    const started = Date.now();
    // A wait would take --timeout (2 min here); the answer comes long before.
    const [run, json] = await Promise.all([
      h.cli(['sync', 'offerit:offer:400', '--wait', '--timeout', '120000']),
      h.cli(['sync', 'offerit:offer:400', '--wait', '--timeout', '120000', '--json']),
    ]);
    const tookMs = Date.now() - started;

    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toContain(
      'no worker is running on sync-offerslook (the queue of offerslook)',
    );
    expect(run.stdout).toMatch(/offer-sync start or offer-sync worker.*--inline/);
    // The CLI process's own cold start is most of this.
    expect(tookMs).toBeLessThan(60_000);
    expect(json.code, json.stderr).toBe(3);
    const report = JSON.parse(json.stdout) as SyncReport;
    expect(report).toMatchObject({ target: 'offerit:offer:400', mode: 'wait' });
    expect(report.problem).toMatch(/^no worker is running on sync-offerslook .*--inline$/);
    expect(report.routes).toEqual([
      {
        route: 'offerit->offerslook',
        target: 'offerslook',
        status: 'no-worker',
        queue: 'sync-offerslook',
        reason: 'no worker is running on sync-offerslook',
      },
    ]);
    const counts = await h.app.queues.sync.offerslook!.getJobCounts();
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(0);
  }, 90_000);

  it('--inline runs the sync in the CLI process: the offer is on Offerslook and linked', async () => {
    const run = await h.cli(['sync', 'offerit:offer:400', '--inline', '--json']);

    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as SyncReport;
    expect(report).toMatchObject({ target: 'offerit:offer:400', mode: 'inline' });
    expect(report.routes).toHaveLength(1);
    const [route] = report.routes;
    expect(route).toMatchObject({
      route: 'offerit->offerslook',
      target: 'offerslook',
      status: 'done',
    });
    expect(route!.result).toMatchObject({ action: 'create', sourceId: 'offer:400' });
    const link = await h.pair.links.find('offerit', { kind: 'offer', id: '400' });
    expect(route!.result!.targetId).toBe(`offer:${link!.offerslook.key.id}`);
    expect(h.offerslook.state.store.offers.has(Number(link!.offerslook.key.id))).toBe(true);
  }, 60_000);

  it('with offer-sync worker running: --wait prints the worker result, in the same --json shape as --inline', async () => {
    const worker = h.spawnWorker({ concurrency: 1 });
    try {
      await worker.ready;
      // Side by side (each is a cold CLI start): --wait on one offer, --inline on another.
      const [run, inlineRun] = await Promise.all([
        h.cli(['sync', 'offerit:offer:401', '--wait', '--json']),
        h.cli(['sync', 'offerit:offer:403', '--inline', '--json']),
      ]);

      expect(run.code, `${run.stdout}\n${run.stderr}\n${worker.output()}`).toBe(0);
      const report = JSON.parse(run.stdout) as SyncReport;
      expect(report).toMatchObject({ target: 'offerit:offer:401', mode: 'wait' });
      const [route] = report.routes;
      expect(route).toMatchObject({
        route: 'offerit->offerslook',
        target: 'offerslook',
        status: 'done',
        queue: 'sync-offerslook',
      });
      expect(route!.jobId).toEqual(expect.any(String));
      expect(route!.result).toMatchObject({ action: 'create', sourceId: 'offer:401' });
      // The same keys as --inline's, plus the job's.
      expect(inlineRun.code, inlineRun.stderr).toBe(0);
      const inline = JSON.parse(inlineRun.stdout) as SyncReport;
      expect(inline.routes[0]!.result).toMatchObject({ action: 'create', sourceId: 'offer:403' });
      expect(Object.keys(inline).sort()).toEqual(Object.keys(report).sort());
      expect(Object.keys(inline.routes[0]!).sort()).toEqual(
        Object.keys(route!)
          .filter((key) => key !== 'jobId' && key !== 'queue')
          .sort(),
      );
      expect(Object.keys(inline.routes[0]!.result!).sort()).toEqual(
        Object.keys(route!.result!).sort(),
      );
    } finally {
      await worker.stop('SIGTERM');
    }
  }, 90_000);
});
