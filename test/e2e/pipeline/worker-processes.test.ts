// `offer-sync worker` as separate processes: two of them share one network budget (the limiter
// lives in Redis), and a worker stopped with SIGTERM mid-batch finishes what it holds and
// leaves the rest queued, so nothing is lost or done twice.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startPipelineHarness,
  waitFor,
  type PipelineHarness,
  type PipelineHarnessOptions,
  type WorkerChild,
} from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { bulkIds, bulkName, bulkOffers, offerslookOffersNamed } from './network.js';

/** Job ids a worker child logged as done (its log level must be info). */
function jobsDone(child: WorkerChild): string[] {
  return child
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"sync job done"'))
    .map((line) => (JSON.parse(line) as { jobId: string }).jobId);
}

describe('worker processes', () => {
  let scope: RedisScope | undefined;
  let h: PipelineHarness | undefined;

  async function start(
    label: string,
    options: Omit<PipelineHarnessOptions, 'redisUrl' | 'prefix'>,
  ): Promise<PipelineHarness> {
    scope = redisScope(label);
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      workers: false,
      ...options,
    });
    return h;
  }
  afterEach(async () => {
    await h?.stop();
    await scope?.cleanup();
    h = undefined;
    scope = undefined;
  });

  it('two worker processes share one limit: no 2 s window over 10 requests, every job done', async () => {
    const ids = bulkIds(24);
    const limit = { max: 10, durationMs: 2000 };
    const harness = await start('pipeline-shared-limit', {
      seed: bulkOffers(ids.length),
      sandboxRateLimit: { offerslook: limit },
      budget: { offerslook: '10/2s' },
    });
    const children = [0, 1].map(() =>
      harness.spawnWorker({ concurrency: 4, env: { LOG_LEVEL: 'info' } }),
    );
    await Promise.all(children.map((child) => child.ready));

    const queued = await Promise.all(
      ids.map((id) => harness.enqueue('offerit', { kind: 'offer', id })),
    );
    const results = await Promise.all(
      queued.map((job) => harness.result('offerit', job.jobId, 90_000)),
    );

    expect(results.map((result) => result.action)).toEqual(ids.map(() => 'create'));
    const log = harness.offerslook.runtime.log;
    // One POST per new offer (its answer is the read-back): enough to need pacing twice over.
    expect(log.entries().length).toBe(ids.length);
    expect(log.entries().length).toBeGreaterThan(2 * limit.max);
    expect(log.maxInWindow(limit.durationMs)).toBeLessThanOrEqual(limit.max);
    expect(log.entries((entry) => entry.status === 429)).toEqual([]);
    // Both processes did part of the work.
    // (A child's log line may reach us a moment after the job's completion event.)
    const done = await waitFor(() => {
      const lists = children.map(jobsDone);
      return lists.flat().length >= ids.length && lists;
    }, 'both children logging their jobs');
    expect(done.map((jobs) => jobs.length > 0)).toEqual([true, true]);
    expect(done.flat().sort()).toEqual(queued.map((job) => job.jobId).sort());
    for (const id of ids)
      expect(offerslookOffersNamed(harness.offerslook, bulkName(Number(id)))).toHaveLength(1);
  }, 120_000);

  it('SIGTERM mid-batch: in-flight jobs finish, the rest wait for the next worker; none lost or duplicated', async () => {
    const ids = bulkIds(16);
    const harness = await start('pipeline-sigterm', { seed: bulkOffers(ids.length) });
    // Slow answers, so the batch is still running when the signal comes.
    harness.offerslook.runtime.latencyMs = 150;
    const queue = harness.app.queues.sync.offerslook!;
    const first = harness.spawnWorker({ concurrency: 2 });
    await first.ready;

    const queued = await Promise.all(
      ids.map((id) => harness.enqueue('offerit', { kind: 'offer', id })),
    );
    await waitFor(async () => (await queue.getCompletedCount()) >= 3, 'three jobs done', 60_000);
    expect(await first.stop('SIGTERM')).toBe(0);

    const {
      active,
      completed = 0,
      waiting = 0,
      failed,
      delayed = 0,
    } = await queue.getJobCounts('active', 'completed', 'waiting', 'failed', 'delayed');
    expect(active).toBe(0); // released nothing half-done: in-flight jobs completed
    expect(failed).toBe(0);
    expect(completed).toBeGreaterThanOrEqual(3);
    expect(completed).toBeLessThan(ids.length); // mid-batch indeed
    expect(completed + waiting + delayed).toBe(ids.length);
    expect(harness.offerslook.state.store.offers.size).toBe(completed);

    const second = harness.spawnWorker({ concurrency: 2 });
    await second.ready;
    const results = await Promise.all(
      queued.map((job) => harness.result('offerit', job.jobId, 90_000)),
    );

    expect(results.map((result) => result.action)).toEqual(ids.map(() => 'create'));
    for (const id of ids)
      expect(offerslookOffersNamed(harness.offerslook, bulkName(Number(id)))).toHaveLength(1);
    expect(harness.offerslook.state.store.offers.size).toBe(ids.length);
    const posts = harness.offerslook.runtime.log.entries(
      (entry) => entry.method === 'POST' && entry.path === '/v1/offers',
    );
    expect(posts).toHaveLength(ids.length);
    for (const id of ids) {
      expect(
        await harness.pair.links.find('offerit', { kind: 'offer', id }),
        `link of ${id}`,
      ).toBeDefined();
    }
  }, 120_000);
});
