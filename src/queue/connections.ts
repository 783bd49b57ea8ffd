// ioredis connections per BullMQ's production guidance, to one server (a URL, or the master
// Sentinel names) or to a Redis Cluster. Workers must ride out a Redis blip or a failover
// (commands wait and are retried); producers (webhook ingress, CLI) must fail fast, so a caller
// gets an error it can answer with 503 instead of a request that hangs.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisConfig, RedisUrlConfig } from '../config/index.js';
import type { RedisConnection } from '../redis/redis-connection.js';

export type ConnectionRole = 'worker' | 'producer';

/** Reconnect delay: grows with each try, from 1 s up to 20 s (BullMQ's recommendation), in milliseconds. */
export function reconnectDelayMs(times: number): number {
  return Math.max(Math.min(Math.exp(times), 20_000), 1000);
}

export function connectionOptions(role: ConnectionRole): RedisOptions {
  const common: RedisOptions = { retryStrategy: reconnectDelayMs, lazyConnect: true };
  return role === 'worker'
    ? // BullMQ's blocking commands need unlimited retries; it refuses a worker connection without.
      { ...common, maxRetriesPerRequest: null, enableOfflineQueue: true }
    : // A command issued while disconnected fails at once instead of queueing in memory.
      { ...common, maxRetriesPerRequest: 1, enableOfflineQueue: false };
}

/**
 * How long a Cluster command keeps trying through a failover. When a master dies, its commands
 * fail with "Connection is closed", and once the cluster has marked it failed every node
 * answers CLUSTERDOWN until a replica is promoted (about twice `cluster-node-timeout`, 15 s by
 * default, plus the election). ioredis retries both after a fixed delay and counts every try
 * against `maxRedirections`; delay x tries is the wait before the command fails.
 */
export const CLUSTER_RETRY: Readonly<
  Record<ConnectionRole, { delayMs: number; maxRedirections: number }>
> = Object.freeze({
  /**
   * 300 tries 200 ms apart: at least 60 s, so a job that finished during a failover is still
   * recorded as finished afterwards; if that write failed instead, the job would stall and run a
   * second time once its lock lapsed.
   */
  worker: Object.freeze({ delayMs: 200, maxRedirections: 300 }),
  /** ioredis' defaults, 16 tries 100 ms apart: a webhook gets its 503 within about 2 s. */
  producer: Object.freeze({ delayMs: 100, maxRedirections: 16 }),
});

/** Cluster options for a role; `node` is passed to each node's connection (password, name). */
export function clusterOptions(role: ConnectionRole, node: RedisOptions = {}): ClusterOptions {
  const { delayMs, maxRedirections } = CLUSTER_RETRY[role];
  const { maxRetriesPerRequest, enableOfflineQueue } = connectionOptions(role);
  return {
    lazyConnect: true,
    // Every node unreachable at once: reconnect as a single server would.
    clusterRetryStrategy: reconnectDelayMs,
    enableOfflineQueue,
    maxRedirections,
    retryDelayOnFailover: delayMs,
    retryDelayOnClusterDown: delayMs,
    retryDelayOnTryAgain: delayMs,
    // BullMQ reads the blocking check (maxRetriesPerRequest null) from here on a Cluster.
    redisOptions: { ...node, maxRetriesPerRequest },
  };
}

/**
 * A READONLY answer means the server we hold became a replica (a Sentinel failover, or a URL
 * whose DNS now names the promoted node): reconnect, which finds the current master, and resend
 * the command (2), which the replica did not run.
 */
function reconnectOnReadOnly(error: Error): 2 | false {
  return error.message.startsWith('READONLY') ? 2 : false;
}

/** The connection for `redis`, not yet connected (`lazyConnect`). */
export function createRedisConnection(
  redis: RedisConfig,
  role: ConnectionRole,
  name?: string,
): RedisConnection {
  const auth: RedisOptions = {
    ...(redis.username === undefined ? {} : { username: redis.username }),
    ...(redis.password === undefined ? {} : { password: redis.password }),
    ...(name ? { connectionName: name } : {}),
  };
  switch (redis.mode) {
    case 'url':
      // The URL carries no credentials (see redis-config.ts), so `auth` is what applies.
      return new Redis(redis.url, {
        ...connectionOptions(role),
        ...auth,
        reconnectOnError: reconnectOnReadOnly,
      });
    case 'cluster':
      return new Cluster(
        redis.nodes.map((node) => ({ ...node })),
        clusterOptions(role, auth),
      );
    case 'sentinel':
      // The password is the data nodes'; sentinels without auth are asked for the master.
      return new Redis({
        ...connectionOptions(role),
        ...auth,
        sentinels: redis.sentinels.map((node) => ({ ...node })),
        name: redis.name,
        reconnectOnError: reconnectOnReadOnly,
      });
  }
}

/**
 * Opens a connection and waits until it is ready (with the offline queue off, a command sent
 * before that would fail). A failed first connect rejects with its cause (ECONNREFUSED, ...).
 * The caller owns the connection: listen to its `error` events, `quit()` it on shutdown.
 * A plain URL string is still accepted and means `{ mode: 'url', url }`.
 */
export async function connectRedis(
  redis: string | RedisUrlConfig,
  role: ConnectionRole,
  name?: string,
): Promise<Redis>;
export async function connectRedis(
  redis: RedisConfig,
  role: ConnectionRole,
  name?: string,
): Promise<RedisConnection>;
export async function connectRedis(
  redis: string | RedisConfig,
  role: ConnectionRole,
  name?: string,
): Promise<RedisConnection> {
  const connection =
    typeof redis === 'string'
      ? new Redis(redis, { ...connectionOptions(role), ...(name ? { connectionName: name } : {}) })
      : createRedisConnection(redis, role, name);
  let cause: unknown;
  const remember = (error: unknown): void => {
    cause = error;
  };
  connection.on('error', remember);
  try {
    await connection.connect();
  } catch (error) {
    connection.disconnect();
    throw firstConnectError(cause ?? error);
  } finally {
    connection.off('error', remember);
  }
  return connection;
}

/** A Cluster reports "Failed to refresh slots cache." and keeps the node's reason beside it. */
function firstConnectError(error: unknown): unknown {
  const last = (error as { lastNodeError?: unknown } | undefined)?.lastNodeError;
  if (!(error instanceof Error) || !(last instanceof Error)) return error;
  return new Error(`${error.message} Last node error: ${last.message}`, { cause: error });
}
