// Runs a Lua script by its SHA1 and falls back to sending the source once when the server has
// not cached it (NOSCRIPT after a restart or on a fresh server). Every multi-key change in the
// store is one script, so it is atomic without WATCH retries.
import { createHash } from 'node:crypto';
import type { RedisConnection } from '../redis/redis-connection.js';

/** A standalone or Cluster connection; all store keys share one hash tag, hence one slot. */
export type { RedisConnection };

export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(
    redis: RedisConnection,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
