// ConflictStore on Redis, under the prefix:
//   <prefix>:conflicts          hash  id -> JSON (the conflict without id and detectedAt)
//   <prefix>:conflicts:pair     hash  id -> entity pair, to detect an id clash
//   <prefix>:conflicts:by-time  zset  id scored by first detection (epoch ms)
import { z } from 'zod';
import type { PlatformName } from '../../vocabulary/index.js';
import { entityKeySchema, entityKindSchema } from '../entity-key-schema.js';
import { StoreCorruptionError } from '../errors.js';
import { LuaScript, type RedisConnection } from '../lua-script.js';
import {
  conflictId,
  conflictPair,
  type Conflict,
  type ConflictInput,
  type ConflictStore,
  type ResolvedConflict,
} from './conflict.js';

// ARGV: short id, long id, pair, JSON, detectedAt. Returns { id, first detectedAt }.
const RECORD = new LuaScript(`
for i = 1, 2 do
  local id = ARGV[i]
  local owner = redis.call('HGET', KEYS[2], id)
  if not owner or owner == ARGV[3] then
    local first = redis.call('ZSCORE', KEYS[3], id)
    if not first then
      first = ARGV[5]
      redis.call('ZADD', KEYS[3], first, id)
    end
    redis.call('HSET', KEYS[1], id, ARGV[4])
    redis.call('HSET', KEYS[2], id, ARGV[3])
    return {id, tostring(first)}
  end
end
return redis.error_reply('conflict ids clash for ' .. ARGV[3])
`);

const RESOLVE = new LuaScript(`
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then return false end
local first = redis.call('ZSCORE', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return {json, tostring(first)}
`);

const storedConflictSchema = z.object({
  kind: entityKindSchema,
  offerit: entityKeySchema,
  offerslook: entityKeySchema,
  fields: z.record(z.string(), z.object({ offerit: z.unknown(), offerslook: z.unknown() })),
  lastDetectedAt: z.number(),
});

export interface RedisConflictStoreOptions {
  /** Key prefix including its hash tag, e.g. `{offer-sync:main+partner-a}`. */
  prefix: string;
  /**
   * What makes ids unique beyond this store: the connection pair, so two pairs' conflicts over
   * the same keys (both partners have an offer 7000) never share an id. The pair of the two
   * connections named after their platforms has none: its ids stay as they were.
   */
  scope?: string;
}

export class RedisConflictStore implements ConflictStore {
  private readonly keys: [data: string, pairs: string, byTime: string];
  private readonly scope: string | undefined;

  constructor(
    private readonly redis: RedisConnection,
    options: RedisConflictStoreOptions,
  ) {
    this.scope = options.scope;
    const base = `${options.prefix}:conflicts`;
    this.keys = [base, `${base}:pair`, `${base}:by-time`];
  }

  async record(conflict: ConflictInput): Promise<Conflict> {
    const { detectedAt, ...rest } = conflict;
    const json = JSON.stringify({ ...rest, lastDetectedAt: detectedAt });
    const [id, first] = (await RECORD.run(this.redis, this.keys, [
      conflictId(conflict.offerit, conflict.offerslook, false, this.scope),
      conflictId(conflict.offerit, conflict.offerslook, true, this.scope),
      conflictPair(conflict.offerit, conflict.offerslook, this.scope),
      json,
      detectedAt,
    ])) as [string, string];
    return decode(id, json, first);
  }

  async list(): Promise<Conflict[]> {
    const ranked = await this.redis.zrange(this.keys[2], 0, -1, 'WITHSCORES');
    if (ranked.length === 0) return [];
    const ids = ranked.filter((_, index) => index % 2 === 0);
    const jsons = await this.redis.hmget(this.keys[0], ...ids);
    const conflicts: Conflict[] = [];
    ids.forEach((id, index) => {
      const json = jsons[index];
      // Resolved between the two reads: gone.
      if (json) conflicts.push(decode(id, json, ranked[index * 2 + 1]));
    });
    return conflicts;
  }

  async get(id: string): Promise<Conflict | undefined> {
    const results = await this.redis.multi().hget(this.keys[0], id).zscore(this.keys[2], id).exec();
    const json = results?.[0]?.[1] as string | null | undefined;
    const first = results?.[1]?.[1] as string | null | undefined;
    return json ? decode(id, json, first ?? undefined) : undefined;
  }

  async resolve(id: string, keep: PlatformName): Promise<ResolvedConflict | undefined> {
    const found = (await RESOLVE.run(this.redis, this.keys, [id])) as [string, string] | null;
    return found ? { ...decode(id, found[0], found[1]), keep } : undefined;
  }
}

function decode(id: string, json: string, first: string | undefined): Conflict {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new StoreCorruptionError(`Conflict ${id} is not JSON`, { cause });
  }
  const parsed = storedConflictSchema.safeParse(raw);
  if (!parsed.success) throw new StoreCorruptionError(`Conflict ${id} does not match its schema`);
  const stored = parsed.data;
  return {
    id,
    ...stored,
    fields: stored.fields,
    detectedAt: first === undefined ? stored.lastDetectedAt : Number(first),
  };
}
