// Takes limiter grants as fast as it is allowed to, from several loops at once, for a while; or
// at a steady rate, as live work arrives.
import type { PlatformName } from '../../src/vocabulary/index.js';
import type { Grant, RateLimiter, RequestClass } from '../../src/queue/limiter/index.js';

export interface HammerOptions {
  network: PlatformName;
  /** Loops acquiring at once. */
  concurrency: number;
  /** How long to keep acquiring, in milliseconds. */
  durationMs: number;
  /** The class every acquire is for. @defaultValue 'live' */
  requestClass?: RequestClass;
  /** Stops the loops early, before `durationMs` is up. */
  signal?: AbortSignal;
}

/** Every grant the loops took. */
export async function hammerGrants(
  limiters: readonly RateLimiter[],
  options: HammerOptions,
): Promise<Grant[]> {
  const grants: Grant[] = [];
  const timeout = AbortSignal.timeout(options.durationMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const requestClass = options.requestClass ?? 'live';
  const loop = async (limiter: RateLimiter): Promise<void> => {
    while (!signal.aborted) {
      try {
        grants.push(await limiter.acquireGrant(options.network, { signal, requestClass }));
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

/** Returns the grant times, in microseconds on the Redis clock. */
export async function hammer(
  limiters: readonly RateLimiter[],
  options: HammerOptions,
): Promise<number[]> {
  return (await hammerGrants(limiters, options)).map((grant) => grant.grantedAtUs);
}

export interface TrickleOptions {
  network: PlatformName;
  /** One new acquire every this many milliseconds, whether or not earlier ones were granted. */
  everyMs: number;
  /** How long to keep starting acquires, in milliseconds; started ones are then awaited. */
  durationMs: number;
  /** @defaultValue 'live' */
  requestClass?: RequestClass;
}

/** Acquires at a steady arrival rate, like webhooks coming in; returns every grant. */
export async function trickle(limiter: RateLimiter, options: TrickleOptions): Promise<Grant[]> {
  const requestClass = options.requestClass ?? 'live';
  const pending: Promise<Grant>[] = [];
  const started = performance.now();
  for (let next = 0; next < options.durationMs; next += options.everyMs) {
    const lateMs = next - (performance.now() - started);
    if (lateMs > 0) await new Promise((resolve) => setTimeout(resolve, lateMs));
    pending.push(limiter.acquireGrant(options.network, { requestClass }));
  }
  return Promise.all(pending);
}
