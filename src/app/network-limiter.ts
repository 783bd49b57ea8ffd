// The per-network limiter the app hands to clients and the retry wrapper: one Redis limiter
// per connection, each with a window margin that fits its window. A network counts requests as
// they arrive, and a request can reach it later after its grant than one granted a window
// after it (a busy event loop, a slow hop), so a strict network would count one too many.
import type { KeyLayout } from '../redis/key-layout.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import type { RateLimit } from '../config/index.js';
import type { ConnectionName } from '../vocabulary/index.js';
import { createRateLimiter, type Grant, type RateLimiter } from '../queue/index.js';

/**
 * Added to a network's window, in milliseconds: a tenth of the window, at most 500 ms. On a
 * loaded two-core host, grants and arrivals were measured up to ~250 ms apart; the cost is the
 * margin's share of the window (5 % of Offerslook's documented 50 per 10 s).
 */
export function windowMarginMs(limit: RateLimit): number {
  return Math.min(500, Math.round(limit.durationMs / 10));
}

export interface NetworkLimiterOptions {
  onGrant?: (grant: Grant) => void;
  /** The window margin of a network, in milliseconds. @defaultValue windowMarginMs */
  marginMs?: (limit: RateLimit) => number;
  /** Config's `reconcileBudgetShare`, for every network. @defaultValue 0.8 */
  reconcileShare?: number;
}

/** One limiter per connection, each under that connection's hash tag (key-layout.ts). */
export function createNetworkLimiter(
  redis: RedisConnection,
  layout: KeyLayout,
  limits: Readonly<Record<ConnectionName, RateLimit>>,
  options: NetworkLimiterOptions = {},
): RateLimiter {
  const margin = options.marginMs ?? windowMarginMs;
  const limiters = new Map<ConnectionName, RateLimiter>();
  for (const [network, limit] of Object.entries(limits)) {
    const limiter = createRateLimiter(
      redis,
      layout.connection(network),
      { [network]: limit },
      {
        ...(options.onGrant ? { onGrant: options.onGrant } : {}),
        ...(options.reconcileShare === undefined ? {} : { reconcileShare: options.reconcileShare }),
        windowMarginMs: margin(limit),
      },
    );
    limiters.set(network, limiter);
  }
  const of = (network: ConnectionName): RateLimiter => {
    const limiter = limiters.get(network);
    if (!limiter) throw new Error(`no rate limit configured for ${network}`);
    return limiter;
  };
  return {
    limits: Object.freeze({ ...limits }),
    acquire: (network, acquireOptions) => of(network).acquire(network, acquireOptions),
    acquireGrant: (network, acquireOptions) => of(network).acquireGrant(network, acquireOptions),
    pause: (network, ms) => of(network).pause(network, ms),
    hooksFor: (network) => of(network).hooksFor(network),
  };
}
