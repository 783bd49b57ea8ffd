// ObservationStore on Redis: one hash per side and kind, `{prefix:connection}:observed:<kind>`,
// field = the entity key text, value = the observation as compact JSON. One script per batch of
// reads, so two processes observing one entity at once (a reconcile page and a webhook sync)
// never lose a first sighting.
import type { PlatformName } from '../../vocabulary/index.js';
import { formatEntityKey, type EntityKey, type EntityKind } from '../../vocabulary/index.js';
import { LuaScript, type RedisConnection } from '../lua-script.js';
import type { Observation, ObservationStore, ObservedRead } from './observation.js';

// Stored: {"l": lastSeenAt, "f": {path: [valueHash, firstSeenAt, after]}}.
// ARGV[1] = now; then per read: entity key text, JSON {path: [valueHash, firstSeenAt, after]}
// where the two times are the fallback for a field never observed.
const OBSERVE = new LuaScript(`
local now = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV, 2 do
  local stored = redis.call('HGET', KEYS[1], ARGV[i])
  local rec = stored and cjson.decode(stored) or { l = 0, f = {} }
  if type(rec.f) ~= 'table' then rec.f = {} end
  for path, seen in pairs(cjson.decode(ARGV[i + 1])) do
    local current = rec.f[path]
    if current == nil then
      rec.f[path] = seen
    elseif current[1] ~= seen[1] then
      rec.f[path] = { seen[1], now, rec.l }
    end
  end
  if now > rec.l then rec.l = now end
  local encoded = cjson.encode(rec)
  redis.call('HSET', KEYS[1], ARGV[i], encoded)
  out[#out + 1] = encoded
end
return out
`);

export interface RedisObservationStoreOptions {
  /**
   * The key prefix (with its hash tag) of each side of the pair: the tag of the connection on
   * that platform, so what is observed of a network lives with that network's keys.
   */
  prefixes: Readonly<Record<PlatformName, string>>;
}

export class RedisObservationStore implements ObservationStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisObservationStoreOptions,
  ) {}

  async observe(
    platform: PlatformName,
    kind: EntityKind,
    reads: readonly ObservedRead[],
    at: number,
  ): Promise<Observation[]> {
    if (reads.length === 0) return [];
    const args: (string | number)[] = [Math.round(at)];
    for (const read of reads) {
      const fields: Record<string, [string, number, number]> = {};
      for (const [path, value] of Object.entries(read.values)) {
        const first = read.firstSeen?.(path) ?? { after: 0, firstSeenAt: at };
        fields[path] = [value, Math.round(first.firstSeenAt), Math.round(first.after)];
      }
      args.push(formatEntityKey(read.key), JSON.stringify(fields));
    }
    const stored = (await OBSERVE.run(
      this.redis,
      [this.hashKey(platform, kind)],
      args,
    )) as string[];
    return stored.map(decode);
  }

  async get(platform: PlatformName, key: EntityKey): Promise<Observation | undefined> {
    const stored = await this.redis.hget(this.hashKey(platform, key.kind), formatEntityKey(key));
    return stored === null ? undefined : decode(stored);
  }

  async remove(platform: PlatformName, key: EntityKey): Promise<void> {
    await this.redis.hdel(this.hashKey(platform, key.kind), formatEntityKey(key));
  }

  private hashKey(platform: PlatformName, kind: EntityKind): string {
    return `${this.options.prefixes[platform]}:observed:${kind}`;
  }
}

function decode(text: string): Observation {
  const raw = JSON.parse(text) as { l?: number; f?: Record<string, [string, number, number]> | [] };
  // cjson writes an empty table as `{}`; an older one may have written `[]`.
  const entries = Array.isArray(raw.f) ? [] : Object.entries(raw.f ?? {});
  return {
    lastSeenAt: raw.l ?? 0,
    fields: Object.fromEntries(
      entries.map(([path, [value, firstSeenAt, after]]) => [path, { value, firstSeenAt, after }]),
    ),
  };
}
