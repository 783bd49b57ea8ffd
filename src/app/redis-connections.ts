// Every Redis connection offer-sync makes is made here, and closed with the app. One for the
// stores and the limiter (a worker connection: commands wait out a reconnect), one for the queues
// (a producer connection: a command fails at once when Redis is away, so a webhook gets its
// 503), and one of its own for each BullMQ Worker and QueueEvents, which block on theirs.
import type { RedisConfig } from '../config/index.js';
import type { Logger } from '../log/logger.js';
import { connectRedis } from '../queue/index.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import type { CleanupStack } from './cleanup-stack.js';

export interface RedisConnections {
  /** Stores and the limiter. */
  readonly commands: RedisConnection;
  /** Queues: adding jobs, reading their state. */
  readonly producer: RedisConnection;
  /** A new connection for one blocking user (a Worker, a QueueEvents), closed with the app. */
  dedicated(name: string): Promise<RedisConnection>;
}

export async function openRedisConnections(
  redis: RedisConfig,
  logger: Logger,
  cleanup: CleanupStack,
): Promise<RedisConnections> {
  const open = async (role: 'worker' | 'producer', name: string): Promise<RedisConnection> => {
    const connection = await connectRedis(redis, role, `offer-sync:${name}`);
    connection.on('error', (error: Error) =>
      logger.warn({ err: error, connection: name }, 'redis connection error'),
    );
    cleanup.push(`redis ${name}`, async () => {
      await connection.quit().catch(() => connection.disconnect());
    });
    return connection;
  };
  const commands = await open('worker', 'commands');
  const producer = await open('producer', 'producer');
  return { commands, producer, dedicated: (name) => open('worker', name) };
}
