// Runs a Lua script by its SHA (one small request), loading it on the first NOSCRIPT: after a
// Redis restart or failover the script cache is empty, and this recovers without a restart.
import { createHash } from 'node:crypto';
import type { RedisConnection } from '../../redis/redis-connection.js';

export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

export function defineScript(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

export async function runScript(
  redis: RedisConnection,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script.source, keys.length, ...keys, ...args);
  }
}
