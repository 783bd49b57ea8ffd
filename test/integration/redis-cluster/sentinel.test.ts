// Through Sentinel, from REDIS_SENTINELS + REDIS_SENTINEL_NAME + REDIS_PASSWORD: one master,
// one replica, three sentinels. Killing the master, the same connections follow the replica
// the sentinels promote: worker commands wait for it, producer commands fail fast meanwhile.
import { createPlatformQueueSet, enqueueAcross } from '../../helpers/platform-queues.js';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type RedisConfig } from '../../../src/config/index.js';
import { connectRedis, queueWorkerOptions, syncQueueName } from '../../../src/queue/index.js';
import type { RedisConnection } from '../../../src/redis/redis-connection.js';
import { infoFields } from '../../helpers/redis-processes.js';
import { startRedisSentinel, type LocalRedisSentinel } from '../../helpers/redis-sentinel.js';
import { waitFor } from '../../helpers/wait-for.js';

const PASSWORD = 'sentinel-test-secret';
let setup: LocalRedisSentinel;
let redis: RedisConfig;
const opened: RedisConnection[] = [];

beforeAll(async () => {
  setup = await startRedisSentinel({ password: PASSWORD });
  redis = loadConfig({
    REDIS_SENTINELS: setup.sentinelList,
    REDIS_SENTINEL_NAME: setup.name,
    REDIS_PASSWORD: PASSWORD,
  }).redis;
});
afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.quit().catch(() => {})));
  await setup?.stop();
});

async function open(role: 'worker' | 'producer'): Promise<Redis> {
  const connection = await connectRedis(redis, role);
  // The master's death surfaces here too; commands report their own errors.
  connection.on('error', () => {});
  opened.push(connection);
  return connection as Redis;
}

/** The port of the server a connection is talking to. */
async function portOf(connection: Redis): Promise<number> {
  return Number(infoFields(await connection.info('server')).tcp_port);
}

describe('Redis through Sentinel', () => {
  it('follows the promoted replica when the master dies', async () => {
    const worker = await open('worker');
    const producer = await open('producer');
    expect(await portOf(worker)).toBe(setup.master.port);
    expect(await portOf(producer)).toBe(setup.master.port);

    const prefix = 'sentinel';
    const queues = createPlatformQueueSet({ connection: producer, prefix });
    const ran: string[] = [];
    const bull = new Worker(
      syncQueueName('offerslook'),
      (job) => {
        ran.push(job.id!);
        return Promise.resolve();
      },
      queueWorkerOptions({ connection: worker, prefix: queues.prefixOf('offerslook') }),
    );
    // While the master is gone, reconnect attempts fail; BullMQ re-emits those errors here.
    const connectionErrors: string[] = [];
    const remember = (error: Error): void => void connectionErrors.push(error.message);
    bull.on('error', remember);
    for (const queue of queues.all()) queue.on('error', remember);
    const enqueue = (id: string) =>
      enqueueAcross(queues.sync, { source: 'offerit', kind: 'offer', id, reason: 'webhook' });
    try {
      const before = await enqueue('400');
      await waitFor(() => ran.includes(before.jobId) || undefined, 'a job before the failover');
      // Recorded as completed too: replication is asynchronous, and a completion the master took
      // just before it died could be lost with it (the job would then stay active on the replica).
      const beforeJob = (await queues.sync.offerslook.getJob(before.jobId))!;
      await waitFor(
        async () => (await beforeJob.getState()) === 'completed' || undefined,
        'the job before the failover to be recorded as completed',
      );
      await worker.set('sentinel:before', 'kept');
      // Replication is asynchronous: make sure the replica has it before the crash.
      expect(await worker.wait(1, 2000)).toBe(1);

      const failover = await setup.killMaster();
      // The worker connection queued this while it reconnected through the sentinels.
      expect(await worker.get('sentinel:before')).toBe('kept');
      expect(await portOf(worker)).toBe(failover.promoted.port);
      await worker.set('sentinel:after', 'written');

      // The producer failed fast while the master was gone; it reconnects on its own.
      await waitFor(
        () =>
          producer.ping().then(
            () => true,
            () => undefined,
          ),
        'the producer connection to reconnect',
      );
      expect(await portOf(producer)).toBe(failover.promoted.port);
      const after = await enqueue('401');
      // The worker's blocking connection reconnects on BullMQ's recommended backoff (up to 20 s
      // between tries once the outage lasted ~10 tries: reconnectDelayMs), so it may take a while.
      await waitFor(
        () => ran.includes(after.jobId) || undefined,
        'a job after the failover',
        45_000,
      );
      expect(ran).toEqual([before.jobId, after.jobId]);
      // ioredis says "All sentinels are unreachable" when none named a master it could reach.
      // A connection open to the master when it died is reset.
      const expected = /ECONNREFUSED|ECONNRESET|Connection is closed|All sentinels are unreachable/;
      expect(connectionErrors.filter((message) => !expected.test(message))).toEqual([]);
    } finally {
      await bull.close();
      await queues.close();
    }
  }, 90_000);
});
