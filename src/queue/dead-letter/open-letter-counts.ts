// Open dead letters by connection and code, for the metrics scrape. One Lua script per
// connection tallies the letters' job names (a letter's name is its code) inside Redis, so a
// scrape costs one round trip per connection however many letters wait, and never moves their
// payloads over the network.
import type { Queue } from 'bullmq';
import type { RedisConnection } from '../../redis/redis-connection.js';
import type { ConnectionName } from '../../vocabulary/index.js';
import { defineScript, runScript } from '../limiter/lua-script.js';
import type { DeadLetter } from './dead-letter.js';

// KEYS: the queue's wait and paused lists, its prioritized and delayed sets. ARGV[1]: the prefix
// of its job hashes. Returns name, count, name, count, ...
const TALLY = defineScript(`
local counts = {}
local function tally(ids)
  for _, id in ipairs(ids) do
    local name = redis.call('HGET', ARGV[1] .. id, 'name')
    if name then counts[name] = (counts[name] or 0) + 1 end
  end
end
tally(redis.call('LRANGE', KEYS[1], 0, -1))
tally(redis.call('LRANGE', KEYS[2], 0, -1))
tally(redis.call('ZRANGE', KEYS[3], 0, -1))
tally(redis.call('ZRANGE', KEYS[4], 0, -1))
local out = {}
for name, count in pairs(counts) do
  out[#out + 1] = name
  out[#out + 1] = count
end
return out
`);

export interface OpenLetterCount {
  connection: ConnectionName;
  /** The letters' code (`VALIDATION`, `NO_TWIN`, ...). */
  reason: string;
  count: number;
}

/** `redis` is any connection to the queues' Redis (the scripts run where their hash tag lives). */
export async function countOpenLetters(
  redis: RedisConnection,
  queues: Readonly<Record<ConnectionName, Queue<DeadLetter>>>,
): Promise<OpenLetterCount[]> {
  const perConnection = await Promise.all(
    Object.entries(queues).map(async ([connection, queue]) => {
      const { keys } = queue;
      const reply = (await runScript(
        redis,
        TALLY,
        [keys.wait!, keys.paused!, keys.prioritized!, keys.delayed!],
        [queue.toKey('')],
      )) as (string | number)[];
      const counts: OpenLetterCount[] = [];
      for (let index = 0; index + 1 < reply.length; index += 2) {
        counts.push({ connection, reason: String(reply[index]), count: Number(reply[index + 1]) });
      }
      return counts;
    }),
  );
  return perConnection.flat();
}
