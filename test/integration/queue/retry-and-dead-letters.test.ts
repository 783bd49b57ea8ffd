import {
  createPlatformQueueSet,
  enqueueAcross,
  platformDeadLetterSink,
} from '../../helpers/platform-queues.js';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PlatformError, type PlatformErrorCode } from '../../../src/platforms/errors.js';
import {
  createDeadLetters,
  createRateLimiter,
  limiterKeys,
  queueWorkerOptions,
  recordDeadLettersOnFailure,
  syncJobSchema,
  syncQueueName,
  wrapProcessor,
  type RetryPolicy,
  type SyncJob,
} from '../../../src/queue/index.js';
import { redisScope } from '../../helpers/redis.js';
import { waitFor } from './wait-for.js';

const policy: Partial<RetryPolicy> = {
  attempts: 3,
  baseDelayMs: 20,
  maxDelayMs: 40,
  maxRateLimitRetries: 2,
};

describe('retry policy on BullMQ, and dead letters', () => {
  const scope = redisScope('retry-dlq');
  const queues = createPlatformQueueSet({
    connection: scope.connect(),
    prefix: scope.prefix,
    retry: policy,
  });
  const sink = platformDeadLetterSink(queues);
  const deadLetters = createDeadLetters(queues);
  const limiter = createRateLimiter(scope.connect(), scope.prefix, {
    offerit: { max: 100, durationMs: 1000 },
    offerslook: { max: 100, durationMs: 1000 },
  });
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    await Promise.all(queues.all().map((queue) => queue.obliterate({ force: true })));
  });
  afterAll(async () => {
    await queues.close();
    await scope.cleanup();
  });

  const fail = (
    code: PlatformErrorCode,
    extra: { retryAfterMs?: number; platformMessage?: string } = {},
  ) =>
    new PlatformError(code, `offerslook POST /v1/offers: ${code.toLowerCase()}`, {
      platform: 'offerslook',
      ...extra,
    });

  /** A worker on sync-offerslook whose handler is `behave`, wrapped in the policy. */
  function startWorker(behave: (payload: SyncJob, call: number) => string | Promise<string>): {
    calls: SyncJob[];
  } {
    const calls: SyncJob[] = [];
    const worker = new Worker(
      syncQueueName('offerslook'),
      wrapProcessor(
        async ({ payload }, deps: { behave: typeof behave }) => {
          calls.push(payload);
          return deps.behave(payload, calls.length);
        },
        { behave },
        {
          schema: syncJobSchema,
          what: 'sync job',
          queue: queues.sync.offerslook,
          limiter,
          deadLetters: sink,
          policy,
        },
      ),
      queueWorkerOptions({
        connection: scope.connect({ forBullWorker: true }),
        prefix: queues.prefixOf('offerslook'),
        policy,
      }),
    );
    workers.push(worker);
    return { calls };
  }

  const request = {
    source: 'offerit',
    kind: 'offer',
    id: '400',
    reason: 'webhook',
    event: 'updated',
  } as const;

  it('dead-letters a permanent failure at once, with payload, reason and code, then replays it', async () => {
    let healthy = false;
    const { calls } = startWorker(() => {
      if (!healthy) throw fail('VALIDATION', { platformMessage: 'advertiser_id is required' });
      return 'synced';
    });
    const { jobId } = await enqueueAcross(queues.sync, request);
    const [letter] = await waitFor(async () => {
      const letters = await deadLetters.list();
      return letters.length > 0 && letters;
    }, 'a dead letter');
    const enqueued = (await queues.sync.offerslook.getJob(jobId))!;
    expect(letter).toMatchObject({
      platform: 'offerslook',
      queue: 'sync-offerslook',
      jobId,
      payload: { ...request, requestedAt: expect.any(String) as string },
      action: 'permanent',
      code: 'VALIDATION',
      attemptsMade: 1,
      rateLimitHits: 0,
    });
    expect(letter!.reason).toContain('[VALIDATION]');
    expect(letter!.reason).toContain('advertiser_id is required');
    expect(letter!.firstFailedAt).toBe(letter!.lastFailedAt);
    expect(calls).toHaveLength(1);
    await waitFor(async () => (await enqueued.getState()) === 'failed', 'the job to fail');
    const failed = (await queues.sync.offerslook.getJob(jobId))!;
    expect(failed.failedReason).toContain('[VALIDATION]');
    expect(failed.failedReason).toContain('advertiser_id is required');
    expect(await deadLetters.list({ platform: 'offerit' })).toEqual([]);

    healthy = true;
    const replayed = await deadLetters.replay(letter!.id);
    expect(replayed.queue).toBe('sync-offerslook');
    expect(await deadLetters.list()).toEqual([]);
    await waitFor(() => calls.length === 2, 'the replayed run');
    expect(calls[1]).toMatchObject({ ...request, reason: 'replay' });
    await waitFor(
      async () => (await queues.sync.offerslook.getJob(replayed.jobId))?.returnvalue === 'synced',
      'done',
    );
  });

  it('backs off transient failures and dead-letters the job when attempts run out', async () => {
    const { calls } = startWorker(() => {
      throw fail('TRANSIENT');
    });
    const { jobId } = await enqueueAcross(queues.sync, request);
    const [letter] = await waitFor(async () => {
      const letters = await deadLetters.list({ platform: 'offerslook' });
      return letters.length > 0 && letters;
    }, 'a dead letter');
    expect(calls).toHaveLength(3);
    expect(letter).toMatchObject({ jobId, action: 'backoff', code: 'TRANSIENT', attemptsMade: 3 });
    expect(Date.parse(letter!.firstFailedAt)).toBeLessThan(Date.parse(letter!.lastFailedAt));
    const job = (await queues.sync.offerslook.getJob(jobId))!;
    await waitFor(async () => (await job.getState()) === 'failed', 'the job to fail');
  });

  it('retries a rate-limited job without spending attempts, pausing the network for every process', async () => {
    const otherProcess = createRateLimiter(scope.connect(), scope.prefix, {
      offerslook: { max: 100, durationMs: 1000 },
    });
    const startedAt: number[] = [];
    const { calls } = startWorker((_payload, call) => {
      startedAt.push(performance.now());
      if (call === 1) throw fail('RATE_LIMITED', { retryAfterMs: 1000 });
      if (call === 2) throw fail('RATE_LIMITED', { retryAfterMs: 50 });
      if (call === 3) throw fail('TRANSIENT');
      return 'synced';
    });
    const { jobId } = await enqueueAcross(queues.sync, request);
    // Once the first 429 is handled, another process's request to that network waits out the pause.
    const redis = scope.connect();
    await waitFor(
      async () => (await redis.exists(limiterKeys(scope.prefix, 'offerslook').pausedUntil)) === 1,
      'the pause',
    );
    expect(await otherProcess.acquire('offerslook')).toBeGreaterThanOrEqual(300);
    // attempts is 3: two 429s plus one transient failure would exhaust it if 429s counted.
    const job = await waitFor(async () => {
      const found = await queues.sync.offerslook.getJob(jobId);
      return found?.returnvalue === 'synced' && found;
    }, 'the job to complete');
    expect(calls).toHaveLength(4);
    expect(job.attemptsMade).toBe(2);
    expect(job.data.tracking?.rateLimitHits).toBe(2);
    // The queue itself was paused too: the retry came after the Retry-After, not at once.
    expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(800);
    expect(await deadLetters.list()).toEqual([]);
  });

  it('holds every worker of the queue during a 429 pause, not only the one that met it', async () => {
    const started = new Map<string, number[]>();
    const behave = (payload: SyncJob): string => {
      const times = started.get(payload.id) ?? [];
      times.push(performance.now());
      started.set(payload.id, times);
      if (payload.id === '400' && times.length === 1)
        throw fail('RATE_LIMITED', { retryAfterMs: 1000 });
      return 'synced';
    };
    startWorker(behave);
    startWorker(behave);
    await enqueueAcross(queues.sync, request);
    await waitFor(() => started.has('400'), 'the first job to start');
    // Enqueue the second job only once the queue is paused, so an idle worker cannot take it
    // in the moment between the 429 and the pause (a race on a loaded machine, not the subject).
    await waitFor(
      async () => (await queues.sync.offerslook.getRateLimitTtl()) > 0,
      'the queue pause',
    );
    await enqueueAcross(queues.sync, { ...request, id: '401' });
    await waitFor(() => started.get('400')?.length === 2 && started.has('401'), 'both jobs to run');
    const pausedAt = started.get('400')![0]!;
    expect(started.get('401')![0]! - pausedAt).toBeGreaterThanOrEqual(800);
  });

  it('stops retrying a job that keeps being rate limited, at the bound', async () => {
    const { calls } = startWorker(() => {
      throw fail('RATE_LIMITED', { retryAfterMs: 30 });
    });
    const { jobId } = await enqueueAcross(queues.sync, request);
    const [letter] = await waitFor(async () => {
      const letters = await deadLetters.list();
      return letters.length > 0 && letters;
    }, 'a dead letter');
    expect(calls).toHaveLength(3);
    expect(letter).toMatchObject({
      jobId,
      action: 'rate-limited',
      code: 'RATE_LIMITED',
      rateLimitHits: 3,
    });
    expect(letter!.reason).toContain('rate limited 3 times; the bound is 2');
    const job = (await queues.sync.offerslook.getJob(jobId))!;
    await waitFor(async () => (await job.getState()) === 'failed', 'the job to fail');
    expect((await queues.sync.offerslook.getJob(jobId))!.attemptsMade).toBe(1);
  });

  it('keeps an invalid payload as it was, and refuses to replay it', async () => {
    const { calls } = startWorker(() => 'synced');
    const raw = {
      source: 'offerit',
      kind: 'offer',
      id: '400',
      reason: 'webhook',
      requestedAt: 'yesterday',
    };
    await queues.sync.offerslook.add('offerit.offer', raw as never);
    const [letter] = await waitFor(async () => {
      const letters = await deadLetters.list();
      return letters.length > 0 && letters;
    }, 'a dead letter');
    expect(calls).toHaveLength(0);
    expect(letter).toMatchObject({ payload: raw, code: 'INVALID_PAYLOAD', action: 'permanent' });
    expect(letter!.reason).toContain('requestedAt');
    await expect(deadLetters.replay(letter!.id)).rejects.toThrow(/requestedAt/);
    const result = await deadLetters.replayAll();
    expect(result.replayed).toEqual([]);
    expect(result.failed.map((failure) => failure.id)).toEqual([letter!.id]);
    expect(await deadLetters.list()).toHaveLength(1);
  });

  it('records final failures no processor saw, once, through the failed-event listener', async () => {
    const worker = new Worker(
      syncQueueName('offerslook'),
      (): Promise<string> =>
        Promise.reject(new UnrecoverableError('job stalled more than allowable limit')),
      queueWorkerOptions({
        connection: scope.connect({ forBullWorker: true }),
        prefix: queues.prefixOf('offerslook'),
        policy,
      }),
    );
    workers.push(worker);
    const stop = recordDeadLettersOnFailure(worker, sink);
    const { jobId } = await enqueueAcross(queues.sync, request);
    const [letter] = await waitFor(async () => {
      const letters = await deadLetters.list();
      return letters.length > 0 && letters;
    }, 'a dead letter');
    expect(letter).toMatchObject({ jobId, code: 'UNRECOVERABLE', attemptsMade: 1 });
    // The same failure recorded again (as the processor wrapper would) adds nothing.
    await sink.record({ ...letter!, reason: 'again' });
    expect(await deadLetters.list()).toHaveLength(1);
    stop();
  });

  it('replays every letter of one platform with replayAll', async () => {
    startWorker(() => {
      throw fail('NOT_FOUND');
    });
    await enqueueAcross(queues.sync, request);
    await enqueueAcross(queues.sync, { ...request, id: '401' });
    await waitFor(
      async () => (await deadLetters.list({ platform: 'offerslook' })).length === 2,
      'two dead letters',
    );
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    expect((await deadLetters.replayAll({ platform: 'offerit' })).replayed).toEqual([]);
    const result = await deadLetters.replayAll({ platform: 'offerslook' });
    expect(result.failed).toEqual([]);
    expect(result.replayed).toHaveLength(2);
    expect(await deadLetters.list()).toEqual([]);
    const waiting = await queues.sync.offerslook.getJobs(['wait']);
    expect(waiting.map((job) => [job.data.id, job.data.reason]).sort()).toEqual([
      ['400', 'replay'],
      ['401', 'replay'],
    ]);
  });
});
