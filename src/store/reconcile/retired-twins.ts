// Sources that vanished and whose twins reconciliation retired (paused, zeroed or deleted). It
// keeps a second run from retiring the same twin again, and keeps the reverse direction from
// syncing the retired twin back, which would re-create the vanished source. Kept per platform
// and kind, by the vanished source's key text; it lives as long as the links do.
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKind } from '../../vocabulary/index.js';
import type { RedisConnection } from '../index.js';

export class RetiredTwins {
  constructor(
    private readonly redis: RedisConnection,
    /** Hash-tagged key prefix, e.g. `{offer-sync}`. */
    private readonly prefix: string,
  ) {}

  async add(platform: PlatformName, kind: EntityKind, sourceKey: string): Promise<void> {
    await this.redis.sadd(this.key(platform, kind), sourceKey);
  }

  /** Forgets a retired twin: its source came back and the twin was reactivated. */
  async remove(platform: PlatformName, kind: EntityKind, sourceKey: string): Promise<void> {
    await this.redis.srem(this.key(platform, kind), sourceKey);
  }

  /** For each vanished-source key, whether its twin was retired (same order). */
  async has(platform: PlatformName, kind: EntityKind, keys: readonly string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.sismember(this.key(platform, kind), key);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, reply]) => {
      if (error) throw error;
      return reply === 1;
    });
  }

  private key(platform: PlatformName, kind: EntityKind): string {
    return `${this.prefix}:reconcile:retired:${platform}:${kind}`;
  }
}
