// What offer-sync runs on Redis, on a real 3-master cluster: BullMQ queues and workers built the
// project's way, the stores' and the limiter's Lua scripts. Every key of one script must hash
// to one slot (CROSSSLOT otherwise); each connection's hash tag `{<prefix>:<name>}` (and each
// pair's) puts all of them there, while different connections may land on different masters.
import { createPlatformQueueSet, enqueueAcross } from '../../helpers/platform-queues.js';
import { randomBytes } from 'node:crypto';
import { QueueEvents, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type RedisConfig } from '../../../src/config/index.js';
import {
  bullPrefix,
  connectRedis,
  createRateLimiter,
  queueWorkerOptions,
  syncQueueName,
} from '../../../src/queue/index.js';
import { keyLayout } from '../../../src/redis/key-layout.js';
import { keyspaceServers, scanKeys } from '../../../src/redis/scan-keys.js';
import {
  RedisConflictStore,
  RedisHandoffStore,
  RedisLinkStore,
  RedisObservationStore,
  RedisWriteIntentStore,
} from '../../../src/store/index.js';
import { startRedisCluster, type LocalRedisCluster } from '../../helpers/redis-cluster.js';
import { waitFor } from '../../helpers/wait-for.js';

let cluster: LocalRedisCluster;
let redis: RedisConfig;
let worker: Cluster;
let producer: Cluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
  redis = loadConfig({ REDIS_CLUSTER_NODES: cluster.nodeList }).redis;
  const open = async (role: 'worker' | 'producer'): Promise<Cluster> => {
    const connection = await connectRedis(redis, role);
    if (!(connection instanceof Cluster)) throw new Error('expected a Cluster connection');
    return connection;
  };
  [worker, producer] = await Promise.all([open('worker'), open('producer')]);
});
afterAll(async () => {
  await Promise.all([worker, producer].map((connection) => connection?.quit().catch(() => {})));
  await cluster?.stop();
});

const freshPrefix = (): string => `cluster-${randomBytes(4).toString('hex')}`;

/** Which masters hold keys under the hash tag `tag`, and how many slots those keys use. */
async function placement(tag: string): Promise<{ masters: number; slots: Set<number> }> {
  const pattern = `${bullPrefix(tag).replace(/[[\]*?]/g, '\\$&')}*`;
  const keys: string[] = [];
  for await (const batch of scanKeys(worker, pattern)) keys.push(...batch);
  expect(keys.length).toBeGreaterThan(0);
  let masters = 0;
  for (const server of keyspaceServers(worker)) {
    const [, found] = await server.scan('0', 'MATCH', pattern, 'COUNT', 10_000);
    if (found.length > 0) masters += 1;
  }
  const slots = await Promise.all(keys.map(async (key) => await worker.cluster('KEYSLOT', key)));
  return { masters, slots: new Set(slots) };
}

describe('on a Redis Cluster', () => {
  it('a queue set and a worker built the project way process every job', async () => {
    const prefix = freshPrefix();
    const queues = createPlatformQueueSet({ connection: producer, prefix });
    const processed: string[] = [];
    const bull = new Worker(
      syncQueueName('offerslook'),
      (job) => {
        processed.push(job.id!);
        return Promise.resolve({ synced: job.data.id });
      },
      queueWorkerOptions({
        connection: worker,
        prefix: queues.prefixOf('offerslook'),
        concurrency: 4,
      }),
    );
    try {
      await bull.waitUntilReady();
      const added = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          enqueueAcross(queues.sync, {
            source: 'offerit',
            kind: 'offer',
            id: String(400 + index),
            reason: 'webhook',
          }),
        ),
      );
      await waitFor(
        async () =>
          (await queues.sync.offerslook.getCompletedCount()) === added.length || undefined,
        'every job to complete',
      );
      expect(processed.sort()).toEqual(added.map((job) => job.jobId).sort());
      const job = await queues.sync.offerslook.getJob(added[0]!.jobId);
      expect(job?.returnvalue).toEqual({ synced: '400' });
      // QueueEvents (what `sync --wait` and reconcile wait on) blocks on its own connection.
      // It reads from the stream's start: its first XREAD (from `$`) comes a round trip after
      // waitUntilReady, and an event in between would be missed (a BullMQ race, not Cluster's).
      const eventsConnection = await connectRedis(redis, 'worker');
      const events = new QueueEvents(syncQueueName('offerslook'), {
        connection: eventsConnection,
        prefix: queues.prefixOf('offerslook'),
        lastEventId: '0-0',
      });
      try {
        await events.waitUntilReady();
        const late = await enqueueAcross(queues.sync, {
          source: 'offerit',
          kind: 'offer',
          id: '999',
          reason: 'cli',
        });
        const job = await queues.sync.offerslook.getJob(late.jobId);
        expect(await job!.waitUntilFinished(events, 10_000)).toEqual({ synced: '999' });
      } finally {
        await events.close();
        await eventsConnection.quit();
      }
      // Every key of the connection's queues is in one slot, hence on one master.
      const where = await placement(queues.prefixOf('offerslook'));
      expect(where.masters).toBe(1);
      expect(where.slots.size).toBe(1);
    } finally {
      await bull.close();
      await queues.close();
    }
  });

  it('the stores run their scripts, touching several keys in one slot', async () => {
    const layout = keyLayout(freshPrefix());
    // The pair's stores under the pair's tag; observations and handed-over records under each
    // connection's.
    const prefix = layout.pair('offerit', 'offerslook');
    const offer = (id: string) => ({ kind: 'offer' as const, id });

    const links = new RedisLinkStore(worker, { prefix });
    const saved = await links.save({
      kind: 'offer',
      offerit: { key: offer('400') },
      offerslook: { key: offer('7') },
      version: 0,
    });
    expect(saved.version).toBe(1);
    expect((await links.find('offerslook', offer('7')))?.offerit.key).toEqual(offer('400'));
    const listed = [];
    for await (const link of links.list('offer')) listed.push(link);
    expect(listed).toHaveLength(1);
    expect(await links.remove('offerslook', offer('7'))).toBe(true);
    expect(await links.find('offerit', offer('400'))).toBeUndefined();

    const route = 'offerit.offer->offerslook.offer';
    const intents = new RedisWriteIntentStore(worker, { prefix });
    expect((await intents.begin(route, offer('400'), 'marker')).resumed).toBe(false);
    expect(await intents.setTarget(route, offer('400'), offer('7'))).toBe(true);
    expect((await intents.begin(route, offer('400'), 'other')).resumed).toBe(true);
    expect(await intents.complete(route, offer('400'))).toBe(true);

    const conflicts = new RedisConflictStore(worker, { prefix });
    const conflict = await conflicts.record({
      kind: 'offer',
      offerit: offer('400'),
      offerslook: offer('7'),
      fields: { payout: { offerit: '4.00', offerslook: '5.00' } },
      detectedAt: 1_000,
    });
    expect((await conflicts.list()).map((open) => open.id)).toEqual([conflict.id]);
    expect((await conflicts.resolve(conflict.id, 'offerit'))?.keep).toBe('offerit');
    expect(await conflicts.list()).toEqual([]);

    const observations = new RedisObservationStore(worker, {
      prefixes: {
        offerit: layout.connection('offerit'),
        offerslook: layout.connection('offerslook'),
      },
    });
    await observations.observe(
      'offerit',
      'offer',
      [{ key: offer('400'), values: { name: 'a' } }],
      1,
    );
    expect((await observations.get('offerit', offer('400')))?.fields.name?.value).toBe('a');

    const handoff = new RedisHandoffStore(worker, { layout });
    const handedOver = { record: { id: '400', name: 'a' }, readAt: 5 };
    const ref = await handoff.put('offerit', offer('400'), handedOver);
    expect(await handoff.take('offerit', offer('400'), ref)).toEqual(handedOver);

    // One link stays, so the pair's tag holds keys to place.
    await links.save({
      kind: 'offer',
      offerit: { key: offer('401') },
      offerslook: { key: offer('8') },
      version: 0,
    });
    // Everything the pair's stores keep is in the pair tag's one slot; what a connection keeps,
    // in its own.
    for (const tag of [prefix, layout.connection('offerit')]) {
      const where = await placement(tag);
      expect(where.masters).toBe(1);
      expect(where.slots.size).toBe(1);
    }
  });

  it('the rate limiter keeps its window across processes sharing the cluster', async () => {
    const prefix = keyLayout(freshPrefix()).connection('offerslook');
    const limits = { offerslook: { max: 2, durationMs: 400 } };
    const first = createRateLimiter(worker, prefix, limits, { jitterMs: 0 });
    const second = createRateLimiter(producer, prefix, limits, { jitterMs: 0 });
    const grants = [
      await first.acquireGrant('offerslook'),
      await second.acquireGrant('offerslook'),
      await first.acquireGrant('offerslook'),
    ];
    // The third grant waited until the first left the 400 ms window (Redis clock, microseconds).
    expect(grants[2]!.grantedAtUs - grants[0]!.grantedAtUs).toBeGreaterThanOrEqual(400_000);
    await second.pause('offerslook', 300);
    expect((await first.acquireGrant('offerslook')).waitedMs).toBeGreaterThanOrEqual(250);
    expect((await placement(prefix)).slots.size).toBe(1);
  });
});
