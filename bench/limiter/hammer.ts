// Takes limiter grants as fast as it is allowed to, from several loops at once, for a while.
import type { PlatformName } from '../../src/config/index.js';
import type { RateLimiter } from '../../src/queue/limiter/index.js';

export interface HammerOptions {
  network: PlatformName;
  /** Loops acquiring at once. */
  concurrency: number;
  /** How long to keep acquiring, in milliseconds. */
  durationMs: number;
}

/** Returns the grant times, in microseconds on the Redis clock. */
export async function hammer(
  limiters: readonly RateLimiter[],
  options: HammerOptions,
): Promise<number[]> {
  const grants: number[] = [];
  const signal = AbortSignal.timeout(options.durationMs);
  const loop = async (limiter: RateLimiter): Promise<void> => {
    while (!signal.aborted) {
      try {
        grants.push((await limiter.acquireGrant(options.network, { signal })).grantedAtUs);
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
    }
  };
  await Promise.all(
    Array.from({ length: options.concurrency }, (_, index) =>
      loop(limiters[index % limiters.length]!),
    ),
  );
  return grants;
}
