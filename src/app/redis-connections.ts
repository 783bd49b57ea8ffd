// Every Redis connection offer-sync makes is made here, and closed with the app. One for the
// stores and the limiter (a worker connection: commands wait out a reconnect), one for the queues
// (a producer connection: a command fails at once when Redis is away, so a webhook gets its
// 503), and one of its own for each BullMQ Worker and QueueEvents, which block on theirs.
import type { RedisConfig } from '../config/index.js';
import type { Logger } from '../log/logger.js';
import { connectRedis } from '../queue/index.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import { atMost, type CleanupStack } from './cleanup-stack.js';
import { createRedisHealth } from './redis-health.js';

export interface RedisConnections {
  /** Stores and the limiter. */
  readonly commands: RedisConnection;
  /** Queues: adding jobs, reading their state. */
  readonly producer: RedisConnection;
  /** A new connection for one blocking user (a Worker, a QueueEvents), closed with the app. */
  dedicated(name: string): Promise<RedisConnection>;
  /** True while the commands and producer connections are connected. */
  available(): boolean;
}

/** How long a connection's QUIT may take on shutdown before the socket is dropped. */
const CLOSE_WAIT_MS = 1000;

export async function openRedisConnections(
  redis: RedisConfig,
  logger: Logger,
  cleanup: CleanupStack,
): Promise<RedisConnections> {
  const health = createRedisHealth(logger);
  const open = async (
    role: 'worker' | 'producer',
    name: string,
    watched = false,
  ): Promise<RedisConnection> => {
    const connection = await connectRedis(redis, role, `offer-sync:${name}`);
    // An `error` listener must exist (ioredis would print each one otherwise); what is worth a
    // log line, a change of state, the health watch logs. A dedicated connection fails with
    // the same Redis, so the two watched ones speak for all.
    connection.on('error', () => undefined);
    if (watched) health.watch(name, connection);
    cleanup.push(`redis ${name}`, async () => {
      // QUIT waits for an answer; with Redis away there is none, so drop the socket instead.
      const quit = connection.quit().catch(() => undefined);
      if (!health.available() || (await atMost(quit, CLOSE_WAIT_MS)) === 'timeout')
        connection.disconnect();
    });
    return connection;
  };
  const commands = await open('worker', 'commands', true);
  const producer = await open('producer', 'producer', true);
  // Runs before the connections close (LIFO), so their closing is not logged as an outage.
  cleanup.push('redis health', () => health.stop());
  return {
    commands,
    producer,
    dedicated: (name) => open('worker', name),
    available: () => health.available(),
  };
}
