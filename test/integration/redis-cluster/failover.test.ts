// A master crash under load: jobs keep being added and processed while the master that holds
// the queue's slot is SIGKILLed. Its replica takes over, and every job completes exactly once:
// the worker connection's commands wait out the failover (CLUSTER_RETRY.worker) instead of
// failing, so no finished job is left active to stall and run again; the producer's adds fail
// fast and are retried with the same job id, as a webhook sender retries a 503.
import { createPlatformQueueSet, type PlatformQueueSet } from '../../helpers/platform-queues.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type RedisConfig } from '../../../src/config/index.js';
import { connectRedis, queueWorkerOptions, syncQueueName } from '../../../src/queue/index.js';
import type { RedisConnection } from '../../../src/redis/redis-connection.js';
import { startRedisCluster, type LocalRedisCluster } from '../../helpers/redis-cluster.js';
import { waitFor } from '../../helpers/wait-for.js';

const PREFIX = 'failover';
let cluster: LocalRedisCluster;
let redis: RedisConfig;
const opened: RedisConnection[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster({ nodeTimeoutMs: 1000 });
  redis = loadConfig({ REDIS_CLUSTER_NODES: cluster.nodeList }).redis;
});
afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.quit().catch(() => {})));
  await cluster?.stop();
});

async function open(role: 'worker' | 'producer'): Promise<RedisConnection> {
  const connection = await connectRedis(redis, role);
  // Errors during the failover are expected on the connection; commands report their own.
  connection.on('error', () => {});
  opened.push(connection);
  return connection;
}

/** Adds a job every `everyMs` until stopped; a refused add is retried with the same id. */
function keepAdding(queues: PlatformQueueSet, everyMs: number) {
  const added = new Set<string>();
  let refused = 0;
  let stopped = false;
  const done = (async () => {
    for (let index = 0; !stopped; index += 1) {
      const jobId = `job-${index}`;
      for (;;) {
        try {
          await queues.sync.offerslook.add(
            'offerit.offer',
            {
              source: 'offerit',
              kind: 'offer',
              id: String(index),
              reason: 'webhook',
              requestedAt: new Date().toISOString(),
            },
            { jobId },
          );
          added.add(jobId);
          break;
        } catch {
          refused += 1;
          await sleep(100);
        }
      }
      await sleep(everyMs);
    }
  })();
  return {
    added,
    refused: () => refused,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

describe('a Redis Cluster failover under load', () => {
  it('loses no job and runs none twice when the queue master dies', async () => {
    const queues = createPlatformQueueSet({ connection: await open('producer'), prefix: PREFIX });
    const runs = new Map<string, number>();
    const workerErrors: string[] = [];
    const worker = new Worker(
      syncQueueName('offerslook'),
      async (job) => {
        runs.set(job.id!, (runs.get(job.id!) ?? 0) + 1);
        await sleep(5);
      },
      queueWorkerOptions({
        connection: await open('worker'),
        prefix: queues.prefixOf('offerslook'),
        concurrency: 4,
      }),
    );
    worker.on('error', (error) => workerErrors.push(error.message));
    const producer = keepAdding(queues, 20);
    try {
      await waitFor(() => runs.size >= 20 || undefined, 'jobs to run before the failover');
      const master = await cluster.masterOf(
        `${queues.prefixOf('offerslook')}:sync-offerslook:wait`,
      );
      const failover = await cluster.killMaster(master);
      const afterFailover = producer.added.size;
      await waitFor(
        () => producer.added.size >= afterFailover + 20 || undefined,
        'jobs to be added after the failover',
      );
      await producer.stop();
      await waitFor(
        () => [...producer.added].every((id) => runs.has(id)) || undefined,
        'every added job to run',
        30_000,
        50,
      );
      // A job whose finish was not recorded would stay active here (and run again once its
      // lock lapsed), so the completed count is what proves "exactly once".
      await waitFor(
        async () =>
          (await queues.sync.offerslook.getCompletedCount()) === producer.added.size || undefined,
        'every job to be recorded as completed',
      );
      const counts = await queues.sync.offerslook.getJobCounts('failed', 'active', 'wait');
      console.log(
        `[failover] ${failover.killed.port} -> ${failover.promoted.port} in ${failover.tookMs} ms; ` +
          `${producer.added.size} jobs, ${producer.refused()} adds refused and retried, ` +
          `${workerErrors.length} worker errors`,
      );
      expect([...runs.keys()].sort()).toEqual([...producer.added].sort());
      expect([...runs.values()].filter((count) => count !== 1)).toEqual([]);
      expect(counts).toEqual({ failed: 0, active: 0, wait: 0 });
      expect(workerErrors).toEqual([]);
    } finally {
      await producer.stop();
      await worker.close();
      await queues.close();
    }
  }, 60_000);
});
