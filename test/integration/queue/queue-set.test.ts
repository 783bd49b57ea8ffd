import { createPlatformQueueSet, enqueueAcross } from '../../helpers/platform-queues.js';
import { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { RECONCILE_QUEUE, enqueueReconcile, queueWorkerOptions } from '../../../src/queue/index.js';
import { redisScope } from '../../helpers/redis.js';
import { waitFor } from './wait-for.js';

describe('queue set', () => {
  const scope = redisScope('queue-set');
  const queues = createPlatformQueueSet({
    connection: scope.connect(),
    prefix: scope.prefix,
    retention: { completedCount: 2, eventsMaxLen: 50 },
  });
  afterAll(async () => {
    await queues.close();
    await scope.cleanup();
  });

  it('has one sync queue and one DLQ per connection under its hash tag, and a reconcile queue under the deployment’s', () => {
    expect(queues.all().map((queue) => queue.name)).toEqual([
      'sync-offerit',
      'sync-offerslook',
      RECONCILE_QUEUE,
      'dlq-offerit',
      'dlq-offerslook',
    ]);
    expect(queues.all().map((queue) => queue.opts.prefix)).toEqual([
      `{${scope.prefix}:offerit}`,
      `{${scope.prefix}:offerslook}`,
      `{${scope.prefix}}`,
      `{${scope.prefix}:offerit}`,
      `{${scope.prefix}:offerslook}`,
    ]);
  });

  it('sets retention by age and count, and a capped event stream, on every queue', () => {
    for (const queue of queues.all()) {
      expect(queue.defaultJobOptions.removeOnComplete, queue.name).toEqual({
        age: 86_400,
        count: 2,
      });
      expect(queue.defaultJobOptions.removeOnFail, queue.name).toEqual({
        age: 604_800,
        count: 5000,
      });
      expect(queue.opts.streams?.events.maxLen, queue.name).toBe(50);
    }
    expect(queues.sync.offerit.defaultJobOptions).toMatchObject({
      attempts: 8,
      backoff: { type: 'full-jitter' },
    });
    expect(queues.reconcile.defaultJobOptions).toMatchObject({
      attempts: 3,
      backoff: { type: 'full-jitter' },
    });
  });

  it('evicts completed jobs beyond the count and writes keys only under the hash tag', async () => {
    const worker = new Worker(
      'sync-offerit',
      () => Promise.resolve('ok'),
      queueWorkerOptions({
        connection: scope.connect({ forBullWorker: true }),
        prefix: queues.prefixOf('offerit'),
      }),
    );
    try {
      for (let id = 1; id <= 6; id++) {
        await enqueueAcross(queues.sync, {
          source: 'offerslook',
          kind: 'offer',
          id: String(id),
          reason: 'schedule',
        });
      }
      await waitFor(
        async () => (await queues.sync.offerit.getJobCounts('wait', 'active')).wait === 0,
        'drain',
      );
      await waitFor(
        async () => (await queues.sync.offerit.getCompletedCount()) === 2,
        'eviction to 2 completed',
      );
    } finally {
      await worker.close();
    }
    const redis = scope.connect();
    const meta = await redis.hget(
      `{${scope.prefix}:offerit}:sync-offerit:meta`,
      'opts.maxLenEvents',
    );
    expect(meta).toBe('50');
    const stray = await redis.keys(`${scope.prefix}:*`);
    expect(stray).toEqual([]);
  });

  it('deduplicates identical reconcile requests while one waits', async () => {
    const request = {
      from: 'offerit',
      to: 'offerslook',
      entity: 'all',
      dryRun: false,
      reason: 'cli',
    } as const;
    const first = await enqueueReconcile(queues.reconcile, request);
    expect((await enqueueReconcile(queues.reconcile, request)).jobId).toBe(first.jobId);
    expect((await enqueueReconcile(queues.reconcile, { ...request, dryRun: true })).jobId).not.toBe(
      first.jobId,
    );
    await expect(enqueueReconcile(queues.reconcile, { ...request, to: 'offerit' })).rejects.toThrow(
      /differ/,
    );
  });
});
