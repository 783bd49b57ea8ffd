// ioredis connections per BullMQ's production guidance. Workers must ride out a Redis blip
// (commands wait and retry forever); producers (webhook ingress, CLI) must fail fast, so a
// caller gets an error it can answer with 503 instead of a request that hangs.
import { Redis, type RedisOptions } from 'ioredis';

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
 * Opens a connection and waits until it is ready (with the offline queue off, a command sent
 * before that would fail). A failed first connect rejects with its cause (ECONNREFUSED, ...).
 * The caller owns the connection: listen to its `error` events, `quit()` it on shutdown.
 */
export async function connectRedis(
  url: string,
  role: ConnectionRole,
  name?: string,
): Promise<Redis> {
  const redis = new Redis(url, {
    ...connectionOptions(role),
    ...(name ? { connectionName: name } : {}),
  });
  let cause: unknown;
  const remember = (error: unknown): void => {
    cause = error;
  };
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw cause ?? error;
  } finally {
    redis.off('error', remember);
  }
  return redis;
}
