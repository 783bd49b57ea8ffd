// From REDIS_CLUSTER_NODES to working connections on a real 3-master cluster with a password:
// both roles, the checks that ask every node, and scans that see every master's keys.
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardRedis } from '../../../src/app/redis-guard.js';
import { loadConfig, type RedisConfig } from '../../../src/config/index.js';
import { checkRedis } from '../../../src/doctor/checks.js';
import { createLogger } from '../../../src/log/logger.js';
import { CLUSTER_RETRY, connectRedis } from '../../../src/queue/index.js';
import { inspectRedis } from '../../../src/redis/inspect-redis.js';
import type { RedisConnection } from '../../../src/redis/redis-connection.js';
import { deleteKeys, keyspaceServers, scanKeys } from '../../../src/redis/scan-keys.js';
import { startRedisCluster, type LocalRedisCluster } from '../../helpers/redis-cluster.js';

const PASSWORD = 'cluster-test-secret';
let cluster: LocalRedisCluster;
let redis: RedisConfig;
const opened: RedisConnection[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster({ password: PASSWORD });
  // One startup node is enough: the client learns the other five from it.
  redis = loadConfig({
    REDIS_CLUSTER_NODES: `${cluster.nodes[0]!.host}:${cluster.nodes[0]!.port}`,
    REDIS_PASSWORD: PASSWORD,
  }).redis;
});
afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.quit().catch(() => {})));
  await cluster?.stop();
});

async function open(role: 'worker' | 'producer'): Promise<Cluster> {
  const connection = await connectRedis(redis, role, `offer-sync:test-${role}`);
  opened.push(connection);
  if (!(connection instanceof Cluster)) throw new Error('expected a Cluster connection');
  return connection;
}

/** Keys with distinct hash tags, so that they land on every master. */
const spreadKeys = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `${prefix}:{tag-${index}}`);

describe('Redis Cluster connections from config', () => {
  it('opens a Cluster for each role, with the role semantics and the password', async () => {
    const worker = await open('worker');
    const producer = await open('producer');
    expect(worker.nodes('master')).toHaveLength(3);
    expect(worker.nodes('all')).toHaveLength(6);
    expect(worker.options).toMatchObject({
      enableOfflineQueue: true,
      maxRedirections: CLUSTER_RETRY.worker.maxRedirections,
      retryDelayOnFailover: CLUSTER_RETRY.worker.delayMs,
      retryDelayOnClusterDown: CLUSTER_RETRY.worker.delayMs,
      redisOptions: { maxRetriesPerRequest: null, password: PASSWORD },
    });
    expect(producer.options).toMatchObject({
      enableOfflineQueue: false,
      maxRedirections: CLUSTER_RETRY.producer.maxRedirections,
      redisOptions: { maxRetriesPerRequest: 1, password: PASSWORD },
    });
    // Keys on every master, written by one connection and read by the other.
    const keys = spreadKeys('connections', 30);
    await Promise.all(keys.map((key, index) => producer.set(key, String(index))));
    expect(await Promise.all(keys.map((key) => worker.get(key)))).toEqual(
      keys.map((_, index) => String(index)),
    );
  });

  it('fails a first connect with the reason, and without the password', async () => {
    const wrong = loadConfig({ REDIS_CLUSTER_NODES: cluster.nodeList, REDIS_PASSWORD: 'nope' });
    const refused = await connectRedis(wrong.redis, 'producer').then(
      () => 'connected',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/WRONGPASS|NOAUTH|invalid username-password/i);
    expect(refused).not.toContain(PASSWORD);
  });

  it('inspects every node: a permissive policy on one replica is found and named', async () => {
    const connection = await open('producer');
    const facts = await inspectRedis(connection);
    expect(facts.nodes).toHaveLength(6);
    expect(facts.unreachable).toEqual([]);
    expect(facts.maxmemoryPolicy).toBe('noeviction');
    const [replica] = connection.nodes('slave');
    await replica!.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      const permissive = await inspectRedis(connection);
      const where = `${replica!.options.host}:${replica!.options.port}`;
      expect(permissive.maxmemoryPolicy).toBe('allkeys-lru');
      expect(permissive.nodes.find((node) => node.maxmemoryPolicy === 'allkeys-lru')?.node).toBe(
        where,
      );
      await expect(
        guardRedis(connection, false, createLogger({ level: 'silent' })),
      ).rejects.toThrow(`maxmemory-policy is allkeys-lru on ${where}`);
    } finally {
      await replica!.config('SET', 'maxmemory-policy', 'noeviction');
    }
  });

  it('doctor reports the whole cluster', async () => {
    const results = await checkRedis(redis);
    expect(results.map((result) => `${result.status} ${result.name}`)).toEqual([
      'ok redis',
      'ok redis version',
      'ok redis maxmemory-policy',
    ]);
    expect(results[0]!.detail).toBe(
      `reachable at cluster ${cluster.nodes[0]!.host}:${cluster.nodes[0]!.port} (with password) (6 nodes answered)`,
    );
  });

  it('scans and deletes keys on every master, where a bare SCAN sees one', async () => {
    const connection = await open('worker');
    const keys = spreadKeys('scan', 60);
    await Promise.all(keys.map((key) => connection.set(key, 'x')));
    const perMaster = await Promise.all(
      keyspaceServers(connection).map(async (server) => {
        const [, found] = await server.scan('0', 'MATCH', 'scan:*', 'COUNT', 1000);
        return found.length;
      }),
    );
    expect(perMaster).toHaveLength(3);
    expect(perMaster.every((count) => count > 0 && count < keys.length)).toBe(true);

    const seen: string[] = [];
    for await (const batch of scanKeys(connection, 'scan:*', 7)) seen.push(...batch);
    expect(seen.sort()).toEqual([...keys].sort());
    expect(await deleteKeys(connection, 'scan:*')).toBe(keys.length);
    expect(await Promise.all(keys.map((key) => connection.exists(key)))).toEqual(keys.map(() => 0));
  });
});
