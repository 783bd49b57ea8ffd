// How the pipeline rides out what real networks do: a storm of 429s, a burst of 5xx and resets,
// and a permanent refusal that lands in the dead-letter queue and is replayed once fixed.
import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformName } from '../../../src/vocabulary/index.js';
import { createDeadLetters, type DeadLetterEntry } from '../../../src/queue/index.js';
import type { SyncResult } from '../../../src/sync/run/index.js';
import {
  startPipelineHarness,
  waitFor,
  type PipelineHarness,
  type PipelineHarnessOptions,
} from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import {
  bulkIds,
  bulkName,
  bulkOffers,
  offerslookOffersNamed,
  pipelineNetwork,
} from './network.js';

describe('sync pipeline under platform failures', () => {
  let scope: RedisScope | undefined;
  let h: PipelineHarness | undefined;

  async function start(
    label: string,
    options: Omit<PipelineHarnessOptions, 'redisUrl' | 'prefix'>,
  ): Promise<PipelineHarness> {
    scope = redisScope(label);
    h = await startPipelineHarness({ redisUrl: scope.url, prefix: scope.prefix, ...options });
    return h;
  }
  afterEach(async () => {
    await h?.stop();
    await scope?.cleanup();
    h = undefined;
    scope = undefined;
  });

  /** Enqueues a create of every bulk offer and waits for all of them. */
  async function syncAll(
    harness: PipelineHarness,
    ids: string[],
    timeoutMs: number,
  ): Promise<SyncResult[]> {
    const queued = await Promise.all(
      ids.map((id) => harness.enqueue('offerit', { kind: 'offer', id })),
    );
    return Promise.all(queued.map((job) => harness.result('offerit', job.jobId, timeoutMs)));
  }

  function expectOneTwinEach(harness: PipelineHarness, ids: string[]): void {
    const twins = ids.map(
      (id) => offerslookOffersNamed(harness.offerslook, bulkName(Number(id))).length,
    );
    expect(twins).toEqual(ids.map(() => 1));
  }

  async function deadLetters(
    harness: PipelineHarness,
    platform?: PlatformName,
  ): Promise<DeadLetterEntry[]> {
    return createDeadLetters(harness.app.queues).list(platform === undefined ? {} : { platform });
  }

  it('a 429 storm (the network allows less than the configured budget) ends with every job done', async () => {
    const ids = bulkIds(12);
    const harness = await start('pipeline-429', {
      seed: bulkOffers(ids.length),
      sandboxRateLimit: { offerslook: { max: 6, durationMs: 1000 } },
      budget: { offerslook: '100/1s' },
    });

    const results = await syncAll(harness, ids, 60_000);

    expect(results.map((result) => result.action)).toEqual(ids.map(() => 'create'));
    const refused = harness.offerslook.runtime.log.entries((entry) => entry.status === 429);
    expect(refused.length).toBeGreaterThan(0); // it was a storm
    expectOneTwinEach(harness, ids);
    expect(await deadLetters(harness)).toEqual([]);
  }, 90_000);

  it('with the budget set to the network limit, every job is done and no window goes over it', async () => {
    const ids = bulkIds(16);
    const limit = { max: 10, durationMs: 2000 };
    const harness = await start('pipeline-budget', {
      seed: bulkOffers(ids.length),
      sandboxRateLimit: { offerslook: limit },
      budget: { offerslook: '10/2s' },
    });

    const results = await syncAll(harness, ids, 60_000);

    expect(results.map((result) => result.action)).toEqual(ids.map(() => 'create'));
    const log = harness.offerslook.runtime.log;
    // One request per new offer (the POST's answer is the read-back), more than a window allows.
    expect(log.entries().length).toBe(ids.length);
    expect(log.entries().length).toBeGreaterThan(limit.max);
    expect(log.maxInWindow(limit.durationMs)).toBeLessThanOrEqual(limit.max);
    expect(log.entries((entry) => entry.status === 429)).toEqual([]);
    expectOneTwinEach(harness, ids);
  }, 90_000);

  it('a create whose second request fails is retried on the twin it made, not into another', async () => {
    const harness = await start('pipeline-half-create', { seed: pipelineNetwork() });
    // Offer 401's base event differs from a new offer's (image pixel): its create is a POST and
    // a PATCH of event 1. The PATCH fails once; the retry adopts the offer the POST made.
    harness.offerslook.runtime.faults.configure({
      rates: { 'server-error': 1 },
      pathPattern: /^\/v1\/offers\/\d+\/offer_events\/1$/,
    });
    const job = await harness.enqueue('offerit', { kind: 'offer', id: '401' });
    await waitFor(
      () => harness.offerslook.runtime.log.entries((entry) => entry.status === 503).length > 0,
      'the failed PATCH',
    );
    harness.offerslook.runtime.faults.reset();
    const result = await harness.result('offerit', job.jobId, 30_000);

    expect(result).toMatchObject({ action: 'create', writes: 1 });
    const twins = offerslookOffersNamed(harness.offerslook, 'VPN Annual Plan Revshare');
    expect(twins).toHaveLength(1);
    expect(harness.offerslook.state.store.events.get(twins[0]!)?.get(1)).toMatchObject({
      conversion_protocol: 1,
    });
    const posts = harness.offerslook.runtime.log.entries(
      (entry) => entry.method === 'POST' && entry.path === '/v1/offers',
    );
    expect(posts).toHaveLength(1);
    expect((await harness.sync('offerit', { kind: 'offer', id: '401' })).writes).toBe(0);
  });

  it('a burst of 5xx answers and dropped connections ends with every job done (backoff retries)', async () => {
    const ids = bulkIds(6);
    const harness = await start('pipeline-5xx', { seed: bulkOffers(ids.length) });
    harness.offerslook.runtime.faults.failNext(
      'server-error',
      'server-error',
      'reset',
      'server-error',
      'server-error',
      'reset',
      'server-error',
    );

    const results = await syncAll(harness, ids, 60_000);

    expect(results.map((result) => result.action)).toEqual(ids.map(() => 'create'));
    const log = harness.offerslook.runtime.log;
    expect(log.entries((entry) => entry.status === 503)).toHaveLength(5);
    // 7 failed attempts over 6 jobs: at least one job needed a third attempt.
    const completed = await harness.app.queues.sync.offerslook!.getCompleted();
    expect(completed).toHaveLength(ids.length);
    expect(Math.max(...completed.map((job) => job.attemptsMade))).toBeGreaterThan(1);
    expectOneTwinEach(harness, ids);
    expect(await deadLetters(harness)).toEqual([]);
  }, 90_000);

  it('a permanent refusal lands in the DLQ with the platform message; `dlq replay` completes it once fixed', async () => {
    const harness = await start('pipeline-dlq', { seed: pipelineNetwork() });
    const created = await harness.sync('offerit', { kind: 'offer', id: '400' });
    const twin = Number(created.targetId?.split(':')[1]);
    // Clearing a field Offerslook already has a value for is refused there (HTTP 422).
    await harness.pair.clients.offerit.update({ kind: 'offer', id: '400' }, { preview_url: '' });

    await expect(harness.sync('offerit', { kind: 'offer', id: '400' })).rejects.toThrow(
      /may not be set to empty/,
    );

    const listed = await harness.cli(['dlq', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const letters = JSON.parse(listed.stdout) as DeadLetterEntry[];
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      platform: 'offerslook',
      queue: 'sync-offerslook',
      code: 'VALIDATION',
      action: 'permanent',
      attemptsMade: 1,
      payload: { source: 'offerit', kind: 'offer', id: '400' },
    });
    expect(letters[0]!.reason).toContain(
      'offer.preview_url: may not be set to empty once it has a value',
    );
    expect(harness.offerslook.state.store.offers.get(twin)?.preview_url).toBe(
      'https://landing.example.com/dating/',
    );

    // The cause fixed on Offerit, the letter replayed.
    await harness.pair.clients.offerit.update(
      { kind: 'offer', id: '400' },
      { preview_url: 'https://landing.example.com/dating/v2/' },
    );
    const replayed = await harness.cli(['dlq', 'replay', letters[0]!.id]);
    expect(replayed.code, replayed.stderr).toBe(0);
    const jobId = /as job (\S+) on sync-offerslook/.exec(replayed.stdout)?.[1];
    expect(jobId).toBeDefined();
    const result = await harness.result('offerit', jobId!);

    expect(result).toMatchObject({
      action: 'update',
      changes: { preview_url: { to: 'https://landing.example.com/dating/v2/' } },
    });
    expect(harness.offerslook.state.store.offers.get(twin)?.preview_url).toBe(
      'https://landing.example.com/dating/v2/',
    );
    expect(await deadLetters(harness)).toEqual([]);
    // The replayed job says why it ran.
    const job = await waitFor(
      () => harness.app.queues.sync.offerslook!.getJob(jobId!),
      'the replayed job',
    );
    expect(job.data).toMatchObject({ reason: 'replay' });
  }, 90_000);
});
