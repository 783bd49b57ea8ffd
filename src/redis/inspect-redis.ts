// What offer-sync needs to know about the Redis it runs on: BullMQ needs >= 6.2, and any
// eviction policy but `noeviction` can silently drop queued jobs and links.
import type { Redis } from 'ioredis';

export const MIN_REDIS_VERSION = '6.2.0';

export interface RedisFacts {
  version: string;
  /** `undefined` when the server hides it (some managed services disable CONFIG and INFO fields). */
  maxmemoryPolicy: string | undefined;
}

export async function inspectRedis(redis: Redis): Promise<RedisFacts> {
  const server = await redis.info('server');
  const memory = await redis.info('memory');
  const version = /redis_version:(\S+)/.exec(server)?.[1] ?? '0.0.0';
  let maxmemoryPolicy = /maxmemory_policy:(\S+)/.exec(memory)?.[1];
  if (maxmemoryPolicy === undefined) {
    const reply = (await redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
    maxmemoryPolicy = reply[1];
  }
  return { version, maxmemoryPolicy };
}

/** Compares dotted versions numerically: `7.0.15` >= `6.2.0`. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const have = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const want = minimum.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < Math.max(have.length, want.length); index++) {
    const difference = (have[index] ?? 0) - (want[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}
