// Which webhook signatures were already accepted, for as long as the signature itself is valid
// (its timestamp's tolerance window): a captured signed request replayed inside the window is
// recognised and enqueues nothing. One key per signature, under the deployment's hash tag:
//   {prefix}:webhook:seen:<sha256 of the signature>   "1", PX until the signature expires
// SET NX makes the first acceptance win across every process at once. Keys hold a hash, never
// the signature itself.
import { createHash } from 'node:crypto';
import type { RedisConnection } from '../lua-script.js';

export interface WebhookReplayStore {
  /**
   * Records `signature` as accepted until `expiresAtMs` (milliseconds since the epoch); false
   * when it was recorded already: the request is a replay.
   */
  claim(signature: string, expiresAtMs: number): Promise<boolean>;
  /** Forgets a claim whose webhook could not be enqueued, so the sender's retry is accepted. */
  release(signature: string): Promise<void>;
}

export interface RedisWebhookReplayStoreOptions {
  /** Hash-tagged deployment prefix, e.g. `{offer-sync}`. */
  prefix: string;
  /** Milliseconds since the epoch. @defaultValue Date.now */
  now?: () => number;
}

/** A claim is kept at least this long, so clock skew between processes cannot reopen it early. */
const MIN_TTL_MS = 1000;

export class RedisWebhookReplayStore implements WebhookReplayStore {
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RedisWebhookReplayStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async claim(signature: string, expiresAtMs: number): Promise<boolean> {
    const ttlMs = Math.max(MIN_TTL_MS, Math.ceil(expiresAtMs - this.now()) + MIN_TTL_MS);
    const set = await this.redis.set(this.key(signature), '1', 'PX', ttlMs, 'NX');
    return set === 'OK';
  }

  async release(signature: string): Promise<void> {
    await this.redis.del(this.key(signature));
  }

  private key(signature: string): string {
    const digest = createHash('sha256').update(signature.toLowerCase()).digest('hex');
    return `${this.options.prefix}:webhook:seen:${digest}`;
  }
}
