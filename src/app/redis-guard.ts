// At start-up: refuse to run on a Redis that may evict keys (queued jobs and links would vanish
// silently under memory pressure), unless the operator explicitly allows it.
import { OfferSyncError } from '../errors/index.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import type { Logger } from '../log/logger.js';
import {
  MIN_REDIS_VERSION,
  inspectRedis,
  versionAtLeast,
  type RedisFacts,
} from '../redis/inspect-redis.js';

export class UnsafeRedisError extends OfferSyncError {
  override readonly name = 'UnsafeRedisError';
  readonly code = 'REDIS_UNSAFE';
  readonly retryable = false;
}

export async function guardRedis(
  redis: RedisConnection,
  allowEviction: boolean,
  logger: Logger,
): Promise<void> {
  const facts = await inspectRedis(redis);
  if (facts.unreachable.length > 0) {
    logger.warn({ unreachable: facts.unreachable }, 'some Redis Cluster nodes did not answer');
  }
  if (!versionAtLeast(facts.version, MIN_REDIS_VERSION)) {
    throw new UnsafeRedisError(
      `Redis ${facts.version} is older than ${MIN_REDIS_VERSION}, which BullMQ needs`,
    );
  }
  if (facts.maxmemoryPolicy === 'noeviction') return;
  const where = facts.nodes.length > 1 ? ` on ${permissiveNodes(facts)}` : '';
  const problem = `Redis maxmemory-policy is ${facts.maxmemoryPolicy ?? 'unknown'}${where}, not noeviction: under memory pressure it may evict queued jobs and links`;
  if (!allowEviction) {
    throw new UnsafeRedisError(
      `refusing to start: ${problem}. Set maxmemory-policy noeviction, or ALLOW_EVICTION=true to run anyway`,
    );
  }
  logger.warn(`${problem}; running anyway because ALLOW_EVICTION=true`);
}

function permissiveNodes(facts: RedisFacts): string {
  return facts.nodes
    .filter((node) => node.maxmemoryPolicy !== 'noeviction')
    .map((node) => node.node)
    .join(', ');
}
