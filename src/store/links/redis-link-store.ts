// LinkStore on Redis. Layout under the prefix (which carries the hash tag, so every key is in
// one Cluster slot and the scripts may touch keys they compute):
//   <prefix>:link:offerit:<offer:400>      hash { link: JSON, version, peer: <offerslook key text> }
//   <prefix>:link:offerslook:<offer:7>     string: the Offerit key text of the same link
//   <prefix>:links:<kind>                  set of Offerit key texts, for listing
// The link itself is stored once; the Offerslook side is an index onto it.
import type { PlatformName } from '../../vocabulary/index.js';
import {
  formatEntityKey,
  parseEntityKey,
  type EntityKey,
  type EntityKind,
} from '../../vocabulary/index.js';
import { LinkConflictError, StoreCorruptionError } from '../errors.js';
import { LuaScript, type RedisConnection } from '../lua-script.js';
import { assertLinkShape, storedLinkSchema, type Link } from './link.js';
import type { LinkStore, SaveLinkOptions } from './link-store.js';

const SAVE = new LuaScript(`
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
local holder = redis.call('GET', KEYS[2])
if ARGV[4] ~= '' then
  if version ~= tonumber(ARGV[4]) then return {'stale', tostring(version)} end
  if holder and holder ~= ARGV[2] then return {'taken', holder} end
end
local oldPeer = redis.call('HGET', KEYS[1], 'peer')
if oldPeer and oldPeer ~= ARGV[3] then
  local oldIndex = ARGV[6] .. oldPeer
  if redis.call('GET', oldIndex) == ARGV[2] then redis.call('DEL', oldIndex) end
end
if holder and holder ~= ARGV[2] then
  redis.call('DEL', ARGV[5] .. holder)
  redis.call('SREM', KEYS[3], holder)
end
version = version + 1
redis.call('HSET', KEYS[1], 'link', ARGV[1], 'version', version, 'peer', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[2])
return {'ok', tostring(version)}
`);

// KEYS[1]: the Offerslook index key. Returns { link JSON, version } of the link it points to.
const FIND_BY_OFFERSLOOK = new LuaScript(`
local holder = redis.call('GET', KEYS[1])
if not holder then return false end
local fields = redis.call('HMGET', ARGV[1] .. holder, 'link', 'version', 'peer')
if not fields[1] or fields[3] ~= ARGV[2] then return false end
return {fields[1], fields[2]}
`);

// KEYS[1]: the looked-up key (data hash or Offerslook index), KEYS[2]: the kind set.
const REMOVE = new LuaScript(`
local offeritText = ARGV[1]
if ARGV[2] == 'offerslook' then
  offeritText = redis.call('GET', KEYS[1])
  if not offeritText then return 0 end
end
local dataKey = ARGV[3] .. offeritText
local peer = redis.call('HGET', dataKey, 'peer')
if not peer then return 0 end
redis.call('DEL', dataKey)
local peerIndex = ARGV[4] .. peer
if redis.call('GET', peerIndex) == offeritText then redis.call('DEL', peerIndex) end
redis.call('SREM', KEYS[2], offeritText)
return 1
`);

export interface RedisLinkStoreOptions {
  /** Key prefix including its hash tag, e.g. `{offer-sync}`. */
  prefix: string;
  /** Links fetched per round trip while listing. Default 100. */
  listBatchSize?: number;
}

export class RedisLinkStore implements LinkStore {
  private readonly dataPrefix: string;
  private readonly indexPrefix: string;
  private readonly batchSize: number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisLinkStoreOptions,
  ) {
    this.dataPrefix = `${options.prefix}:link:offerit:`;
    this.indexPrefix = `${options.prefix}:link:offerslook:`;
    this.batchSize = options.listBatchSize ?? 100;
  }

  async find(platform: PlatformName, key: EntityKey): Promise<Link | undefined> {
    const text = formatEntityKey(key);
    if (platform === 'offerit') {
      const [json, version] = await this.redis.hmget(this.dataPrefix + text, 'link', 'version');
      return json ? decode(json, version, text) : undefined;
    }
    const found = (await FIND_BY_OFFERSLOOK.run(
      this.redis,
      [this.indexPrefix + text],
      [this.dataPrefix, text],
    )) as [string, string] | null;
    return found ? decode(found[0], found[1], text) : undefined;
  }

  async save(link: Link, options: SaveLinkOptions = {}): Promise<Link> {
    assertLinkShape(link);
    const offeritText = formatEntityKey(link.offerit.key);
    const offerslookText = formatEntityKey(link.offerslook.key);
    const json = JSON.stringify({
      kind: link.kind,
      offerit: link.offerit,
      offerslook: link.offerslook,
    });
    const [status, detail] = (await SAVE.run(
      this.redis,
      [this.dataPrefix + offeritText, this.indexPrefix + offerslookText, this.kindSet(link.kind)],
      [
        json,
        offeritText,
        offerslookText,
        options.expectedVersion ?? '',
        this.dataPrefix,
        this.indexPrefix,
      ],
    )) as [string, string];
    if (status === 'stale') {
      throw new LinkConflictError(
        'stale',
        `Link for offerit ${offeritText} is at version ${detail}, expected ${options.expectedVersion}`,
      );
    }
    if (status === 'taken') {
      throw new LinkConflictError(
        'taken',
        `offerslook ${offerslookText} is already linked to offerit ${detail}`,
      );
    }
    return { ...link, version: Number(detail) };
  }

  async remove(platform: PlatformName, key: EntityKey): Promise<boolean> {
    const text = formatEntityKey(key);
    const lookedUp = platform === 'offerit' ? this.dataPrefix + text : this.indexPrefix + text;
    const removed = await REMOVE.run(
      this.redis,
      [lookedUp, this.kindSet(key.kind)],
      [text, platform, this.dataPrefix, this.indexPrefix],
    );
    return removed === 1;
  }

  async *list(kind: EntityKind): AsyncIterable<Link> {
    let cursor = '0';
    do {
      const [next, members] = await this.redis.sscan(
        this.kindSet(kind),
        cursor,
        'COUNT',
        this.batchSize,
      );
      cursor = next;
      const links = await Promise.all(
        members.map((member) => {
          const key = parseEntityKey(member);
          return key ? this.find('offerit', key) : Promise.resolve(undefined);
        }),
      );
      // A link removed between SSCAN and the read is simply gone: skip it.
      for (const link of links) if (link) yield link;
    } while (cursor !== '0');
  }

  private kindSet(kind: EntityKind): string {
    return `${this.options.prefix}:links:${kind}`;
  }
}

function decode(json: string, version: string | null | undefined, lookedUp: string): Link {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new StoreCorruptionError(`Link for ${lookedUp} is not JSON`, { cause });
  }
  const parsed = storedLinkSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StoreCorruptionError(`Link for ${lookedUp} does not match its schema`, {
      cause: parsed.error,
    });
  }
  return { ...parsed.data, version: Number(version ?? '0') };
}
