// WriteIntentStore on Redis: one hash per intent, `<prefix>:intent:<route>:<source key>`,
// with fields `intent` (JSON), `attempts` and `target` (JSON key), under a long TTL so
// abandoned intents do not pile up.
import { z } from 'zod';
import { formatEntityKey, type EntityKey } from '../../vocabulary/index.js';
import { entityKeySchema } from '../entity-key-schema.js';
import { StoreCorruptionError } from '../errors.js';
import { LuaScript, type RedisConnection } from '../lua-script.js';
import type { BegunIntent, WriteIntent, WriteIntentStore } from './write-intent.js';

const BEGIN = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then
  local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  local fields = redis.call('HMGET', KEYS[1], 'intent', 'target')
  return {'resumed', fields[1], attempts, fields[2]}
end
redis.call('HSET', KEYS[1], 'intent', ARGV[1], 'attempts', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {'new', ARGV[1], 1}
`);

const SET_TARGET = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'target', ARGV[1])
return 1
`);

const storedIntentSchema = z.object({
  route: z.string(),
  sourceKey: entityKeySchema,
  marker: z.string(),
  startedAt: z.number(),
});

export const DEFAULT_INTENT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface RedisWriteIntentStoreOptions {
  /** Key prefix including its hash tag, e.g. `{offer-sync}`. */
  prefix: string;
  /**
   * How long an open intent survives, in milliseconds, renewed by each `begin`. Long enough to
   * outlive any retry backoff. Default 7 days.
   */
  ttlMs?: number;
  /** Clock for `startedAt`, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

export class RedisWriteIntentStore implements WriteIntentStore {
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisWriteIntentStoreOptions,
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_INTENT_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  async begin(route: string, sourceKey: EntityKey, marker: string): Promise<BegunIntent> {
    const fresh = JSON.stringify({ route, sourceKey, marker, startedAt: this.now() });
    const [status, json, attempts, target] = (await BEGIN.run(
      this.redis,
      [this.key(route, sourceKey)],
      [fresh, this.ttlMs],
    )) as [string, string, number, string | null | undefined];
    return { ...decode(json, attempts, target), resumed: status === 'resumed' };
  }

  async get(route: string, sourceKey: EntityKey): Promise<WriteIntent | undefined> {
    const [json, attempts, target] = await this.redis.hmget(
      this.key(route, sourceKey),
      'intent',
      'attempts',
      'target',
    );
    return json ? decode(json, Number(attempts ?? '1'), target) : undefined;
  }

  async setTarget(route: string, sourceKey: EntityKey, targetKey: EntityKey): Promise<boolean> {
    const result = await SET_TARGET.run(
      this.redis,
      [this.key(route, sourceKey)],
      [JSON.stringify(targetKey)],
    );
    return result === 1;
  }

  async complete(route: string, sourceKey: EntityKey): Promise<boolean> {
    return (await this.redis.del(this.key(route, sourceKey))) === 1;
  }

  private key(route: string, sourceKey: EntityKey): string {
    return `${this.options.prefix}:intent:${route}:${formatEntityKey(sourceKey)}`;
  }
}

function decode(json: string, attempts: number, target: string | null | undefined): WriteIntent {
  const parse = <T>(schema: z.ZodType<T>, text: string, what: string): T => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new StoreCorruptionError(`Write intent ${what} is not JSON`, { cause });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      throw new StoreCorruptionError(`Write intent ${what} does not match its schema`);
    return parsed.data;
  };
  const intent: WriteIntent = { ...parse(storedIntentSchema, json, 'record'), attempts };
  if (target) intent.targetKey = parse(entityKeySchema, target, 'target key');
  return intent;
}
