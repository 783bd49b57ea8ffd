// Live syncs ahead of reconciliation in the queue, and each job's requests in its class.
import { createPlatformQueueSet, enqueueAcross } from '../../helpers/platform-queues.js';
import { Worker, type Job } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  currentClass,
  queueWorkerOptions,
  syncJobSchema,
  syncQueueName,
  wrapProcessor,
  type RequestClass,
  type SyncJobData,
} from '../../../src/queue/index.js';
import type { SyncReason } from '../../../src/vocabulary/index.js';
import { redisScope } from '../../helpers/redis.js';
import { waitFor } from './wait-for.js';

describe('sync job priorities', () => {
  const scope = redisScope('priorities');
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

  const offer = (id: string, reason: SyncReason) =>
    enqueueAcross(queues.sync, { source: 'offerit', kind: 'offer', id, reason });

  /** One job at a time, so the order of runs is the order the queue hands them out. */
  function startWorker(processor: (job: Job<SyncJobData>) => Promise<unknown>): Worker {
    const worker = new Worker<SyncJobData>(
      syncQueueName('offerslook'),
      processor,
      queueWorkerOptions({
        connection: scope.connect({ forBullWorker: true }),
        prefix: queues.prefixOf('offerslook'),
        concurrency: 1,
      }),
    );
    workers.push(worker);
    return worker;
  }

  it('runs webhook and CLI syncs added after waiting reconcile syncs before them', async () => {
    for (const id of ['1', '2', '3', '4']) await offer(id, 'reconcile');
    await offer('900', 'webhook');
    await offer('901', 'cli');
    const runs: string[] = [];
    startWorker(async (job) => {
      runs.push(job.data.id);
      await Promise.resolve();
    });
    await waitFor(() => runs.length >= 6, 'six runs');
    expect(runs).toEqual(['900', '901', '1', '2', '3', '4']);
  });

  it('lifts a waiting reconcile sync that a webhook for the same entity merges into', async () => {
    const ids: string[] = [];
    for (const id of ['1', '2', '3']) ids.push((await offer(id, 'reconcile')).jobId);
    await enqueueAcross(queues.sync, {
      source: 'offerit',
      kind: 'offer',
      id: '4',
      reason: 'reconcile',
      sourceRead: 'ab'.repeat(16),
    });
    const merged = await offer('3', 'webhook');
    expect(merged.jobId).toBe(ids[2]);
    expect((await queues.sync.offerslook.getJob(merged.jobId))?.priority).toBe(0);
    // It now runs as the webhook's live work, and reads the source fresh: the webhook announced
    // a change the reconcile page may not have seen.
    const liveMerge = await enqueueAcross(queues.sync, {
      source: 'offerit',
      kind: 'offer',
      id: '4',
      reason: 'webhook',
      event: 'updated',
    });
    const absorbed = await queues.sync.offerslook.getJob(liveMerge.jobId);
    expect(absorbed?.data).toMatchObject({ id: '4', reason: 'webhook', event: 'updated' });
    expect(absorbed?.data).not.toHaveProperty('sourceRead');
    const runs: string[] = [];
    startWorker(async (job) => {
      runs.push(job.data.id);
      await Promise.resolve();
    });
    await waitFor(() => runs.length >= 4, 'four runs');
    expect(runs).toEqual(['3', '4', '1', '2']);
  });

  it('runs each handler in the request class of its payload', async () => {
    const seen: Record<string, RequestClass> = {};
    const processor = wrapProcessor(
      async ({ payload }) => {
        await Promise.resolve();
        seen[payload.id] = currentClass();
      },
      {},
      { schema: syncJobSchema, what: 'sync job', queue: queues.sync.offerslook },
    );
    await offer('1', 'reconcile');
    await offer('2', 'webhook');
    await offer('3', 'replay');
    startWorker((job) => processor(job));
    await waitFor(() => Object.keys(seen).length >= 3, 'three runs');
    expect(seen).toEqual({ '1': 'reconcile', '2': 'live', '3': 'live' });
  });
});
