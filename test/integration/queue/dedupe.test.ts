import { createPlatformQueueSet, enqueueAcross } from '../../helpers/platform-queues.js';
import { Worker, type Job } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { queueWorkerOptions, syncQueueName, type SyncJobData } from '../../../src/queue/index.js';
import { redisScope } from '../../helpers/redis.js';
import { deferred, waitFor } from './wait-for.js';

describe('sync job deduplication', () => {
  const scope = redisScope('dedupe');
  const queues = createPlatformQueueSet({ connection: scope.connect(), prefix: scope.prefix });
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    await Promise.all(queues.all().map((queue) => queue.obliterate({ force: true })));
  });
  afterAll(async () => {
    await queues.close();
    await scope.cleanup();
  });

  const offer = (event: string, id = '400') =>
    enqueueAcross(queues.sync, { source: 'offerit', kind: 'offer', id, reason: 'webhook', event });

  function startWorker(
    processor: (job: Job<SyncJobData>) => Promise<void>,
    concurrency = 1,
  ): Worker {
    const worker = new Worker<SyncJobData>(
      syncQueueName('offerslook'),
      processor,
      queueWorkerOptions({
        connection: scope.connect({ forBullWorker: true }),
        prefix: queues.prefixOf('offerslook'),
        concurrency,
      }),
    );
    workers.push(worker);
    return worker;
  }

  async function idle(): Promise<void> {
    await waitFor(async () => {
      const counts = await queues.sync.offerslook.getJobCounts(
        'wait',
        'active',
        'delayed',
        'prioritized',
      );
      return Object.values(counts).every((count) => count === 0);
    }, 'the queue to drain');
  }

  it('turns N enqueues during an active job into exactly one more run, with the latest payload', async () => {
    const runs: SyncJobData[] = [];
    const started = deferred();
    const release = deferred();
    let active = 0;
    let mostActive = 0;
    startWorker(async (job) => {
      active++;
      mostActive = Math.max(mostActive, active);
      runs.push(job.data);
      if (runs.length === 1) {
        started.resolve();
        await release.promise;
      }
      active--;
    }, 5);
    await offer('e0');
    await started.promise;
    for (let i = 1; i <= 10; i++) await offer(`e${i}`);
    // The same entity never runs twice at once, even with five slots free.
    expect(await queues.sync.offerslook.getJobCounts('wait', 'active')).toEqual({
      wait: 0,
      active: 1,
    });
    release.resolve();
    await waitFor(() => runs.length >= 2, 'the follow-up run');
    await idle();
    expect(runs.map((run) => run.event)).toEqual(['e0', 'e10']);
    expect(mostActive).toBe(1);
  });

  it('coalesces N enqueues while waiting into one job, per entity', async () => {
    const first = await offer('e1');
    for (let i = 2; i <= 10; i++) expect((await offer(`e${i}`)).jobId).toBe(first.jobId);
    const other = await offer('e1', '401');
    expect(other.jobId).not.toBe(first.jobId);
    const goal = await enqueueAcross(queues.sync, {
      source: 'offerit',
      kind: 'goal',
      id: '400',
      offerId: '400',
      reason: 'webhook',
    });
    expect(goal.jobId).not.toBe(first.jobId);
    expect(await queues.sync.offerslook.getJobCounts('wait')).toEqual({ wait: 3 });

    const runs: string[] = [];
    startWorker(async (job) => {
      runs.push(`${job.data.kind}:${job.data.id}`);
      await Promise.resolve();
    });
    await waitFor(() => runs.length >= 3, 'three runs');
    await idle();
    expect(runs.sort()).toEqual(['goal:400', 'offer:400', 'offer:401']);
  });

  it('routes each job to the queue of the platform it writes to', async () => {
    const toOfferit = await enqueueAcross(queues.sync, {
      source: 'offerslook',
      kind: 'offer',
      id: '9',
      reason: 'cli',
    });
    const toOfferslook = await offer('updated', '9');
    expect(toOfferit.queue).toBe('sync-offerit');
    expect(toOfferslook.queue).toBe('sync-offerslook');
    const job = await queues.sync.offerit.getJob(toOfferit.jobId);
    expect(job?.data).toMatchObject({
      source: 'offerslook',
      kind: 'offer',
      id: '9',
      reason: 'cli',
    });
    expect(job?.data.requestedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses an invalid request without adding anything', async () => {
    await expect(
      enqueueAcross(queues.sync, { source: 'offerit', kind: 'goal', id: '1', reason: 'webhook' }),
    ).rejects.toThrow(/offerId/);
    expect(await queues.sync.offerslook.count()).toBe(0);
  });
});
