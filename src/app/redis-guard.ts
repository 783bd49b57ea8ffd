// At start-up: refuse to run on a Redis that may evict keys (queued jobs and links would vanish
// silently under memory pressure), unless the operator explicitly allows it.
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import { MIN_REDIS_VERSION, inspectRedis, versionAtLeast } from '../redis/inspect-redis.js';

export class UnsafeRedisError extends Error {
  override readonly name = 'UnsafeRedisError';
  readonly code = 'REDIS_UNSAFE';
}

export async function guardRedis(
  redis: Redis,
  allowEviction: boolean,
  logger: Logger,
): Promise<void> {
  const facts = await inspectRedis(redis);
  if (!versionAtLeast(facts.version, MIN_REDIS_VERSION)) {
    throw new UnsafeRedisError(
      `Redis ${facts.version} is older than ${MIN_REDIS_VERSION}, which BullMQ needs`,
    );
  }
  if (facts.maxmemoryPolicy === 'noeviction') return;
  const problem = `Redis maxmemory-policy is ${facts.maxmemoryPolicy ?? 'unknown'}, not noeviction: under memory pressure it may evict queued jobs and links`;
  if (!allowEviction) {
    throw new UnsafeRedisError(
      `refusing to start: ${problem}. Set maxmemory-policy noeviction, or ALLOW_EVICTION=true to run anyway`,
    );
  }
  logger.warn(`${problem}; running anyway because ALLOW_EVICTION=true`);
}
