// SCAN walks the keyspace of the one server it is sent to. A Cluster spreads its keys over its
// masters (replicas hold copies, no more), so a scan of a Cluster walks every master in turn;
// a Cluster client would send a bare SCAN to one random node and miss the rest.
import { Cluster, type Redis } from 'ioredis';
import type { RedisConnection } from './redis-connection.js';

/** The servers whose keyspaces together hold every key: the masters of a Cluster, else itself. */
export function keyspaceServers(redis: RedisConnection): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/**
 * Yields the keys matching `pattern` (SCAN's MATCH glob), a batch at a time, from every server
 * of `keyspaceServers`. Like SCAN itself, a key written or deleted during the walk may or may
 * not be seen. `count` is SCAN's COUNT hint per round trip. @defaultValue 500
 */
export async function* scanKeys(
  redis: RedisConnection,
  pattern: string,
  count = 500,
): AsyncGenerator<string[]> {
  for (const server of keyspaceServers(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/** Deletes every key matching `pattern`; returns how many went. */
export async function deleteKeys(redis: RedisConnection, pattern: string): Promise<number> {
  let deleted = 0;
  for await (const keys of scanKeys(redis, pattern)) {
    // A multi-key UNLINK on a Cluster must stay in one slot (CROSSSLOT otherwise), and keys
    // without a shared hash tag rarely do: there, each key goes on its own, routed by its slot.
    const counts =
      redis instanceof Cluster
        ? await Promise.all(keys.map((key) => redis.unlink(key)))
        : [await redis.unlink(...keys)];
    for (const count of counts) deleted += count;
  }
  return deleted;
}
