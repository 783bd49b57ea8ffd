// A strict, cross-process rate limiter per network. Every HTTP request to a network (read or
// write, from any process) awaits `acquire` first. Unlike BullMQ's fixed-window limiter, which
// lets up to 2x through around a window edge, this keeps a log of grant times, so no sliding
// window of the configured length ever holds more than `max` grants. Each request is `live` or
// `reconcile` (request-class.ts): while live work waits at a network (or was served there in the
// last `liveLingerMs`), reconciliation holds at most its share of the window, and live requests
// take the slots it is not owed (the rules are in limiter-scripts.ts).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisConnection } from '../../redis/redis-connection.js';
import type { RateLimit } from '../../config/index.js';
import type { ConnectionName } from '../../vocabulary/index.js';
import { limiterKeys, reconcileMaxOf } from './limiter-keys.js';
import { runScript } from './lua-script.js';
import { PAUSE_SCRIPT, TAKE_SCRIPT } from './limiter-scripts.js';
import type {
  AcquireOptions,
  Grant,
  RateLimiter,
  RateLimiterOptions,
} from './rate-limiter-options.js';
import { currentClass } from '../../platforms/request-class.js';

export type { AcquireOptions, Grant, RateLimiter, RateLimiterOptions };

/** Extra lifetime of the grant log beyond one window, so an idle network leaves no keys. */
const LOG_TTL_SLACK_MS = 1000;

/** Sleeps `ms`; an abort rejects with the signal's own reason, as `throwIfAborted` does. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw error;
  }
}

export function createRateLimiter(
  redis: RedisConnection,
  prefix: string,
  limits: Partial<Record<ConnectionName, RateLimit>>,
  options: RateLimiterOptions = {},
): RateLimiter {
  const jitterMs = options.jitterMs ?? 5;
  const random = options.random ?? Math.random;
  const marginMs = Math.max(0, options.windowMarginMs ?? 0);
  const share = options.reconcileShare ?? 0.8;
  if (!(share > 0 && share <= 1))
    throw new RangeError(`reconcileShare must be in (0, 1], got ${share}`);
  const waiterTtlMs = options.waiterTtlMs ?? 3000;
  if (!(waiterTtlMs >= 3))
    throw new RangeError(`waiterTtlMs must be at least 3, got ${waiterTtlMs}`);
  // Polling this often keeps a waiter's registration fresh with two polls to spare.
  const pollMs = waiterTtlMs / 3;
  const liveLingerMs = Math.max(0, options.liveLingerMs ?? 3000);
  const registryTtlMs = Math.ceil(Math.max(waiterTtlMs, liveLingerMs)) + 1000;
  const instance = randomBytes(6).toString('hex');
  let sequence = 0;

  function limitOf(network: ConnectionName): RateLimit {
    const limit = limits[network];
    if (!limit) throw new Error(`no rate limit configured for ${network}`);
    return limit;
  }

  async function acquireGrant(
    network: ConnectionName,
    acquireOptions: AcquireOptions = {},
  ): Promise<Grant> {
    const limit = limitOf(network);
    const { max } = limit;
    const durationMs = limit.durationMs + marginMs;
    const keys = limiterKeys(prefix, network);
    const requestClass = acquireOptions.requestClass ?? currentClass();
    const { signal } = acquireOptions;
    const slotUs = Math.max(1000, Math.round((durationMs * 1000) / max));
    // One id per acquire: its grant in the log and its registration among the waiters.
    const id = `${instance}:${(sequence += 1)}`;
    const args = [
      max,
      durationMs * 1000,
      id,
      durationMs + LOG_TTL_SLACK_MS,
      requestClass,
      reconcileMaxOf(share, max),
      waiterTtlMs * 1000,
      slotUs,
      requestClass === 'live' ? liveLingerMs * 1000 : slotUs,
      registryTtlMs,
    ];
    const scriptKeys = [
      keys.log,
      keys.pausedUntil,
      keys.reconcileLog,
      keys.waiters.live,
      keys.waiters.reconcile,
    ];
    const started = performance.now();
    let registered = false;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const reply = (await runScript(redis, TAKE_SCRIPT, scriptKeys, args)) as [number, number];
        const [granted, value] = reply;
        if (granted === 1) {
          // The script left the registration to linger on purpose (see TAKE_SCRIPT).
          registered = false;
          const grant: Grant = {
            network,
            waitedMs: Math.round(performance.now() - started),
            grantedAtUs: value,
            requestClass,
          };
          options.onGrant?.(grant);
          return grant;
        }
        registered = true;
        const waitMs = Math.min(Math.ceil(value / 1000), pollMs) + random() * jitterMs;
        await pause(waitMs, signal);
      }
    } finally {
      // An abort (or a lost connection) must not leave this acquirer counted as waiting until
      // its registration lapses; if Redis is unreachable, the lapse is the fallback.
      if (registered) await redis.zrem(keys.waiters[requestClass], id).catch(() => undefined);
    }
  }

  return {
    limits: Object.freeze({ ...limits }),
    acquireGrant,
    async acquire(network, acquireOptions) {
      return (await acquireGrant(network, acquireOptions)).waitedMs;
    },
    async pause(network, ms) {
      limitOf(network);
      const wholeMs = Math.ceil(ms);
      if (!(wholeMs > 0)) return;
      await runScript(redis, PAUSE_SCRIPT, [limiterKeys(prefix, network).pausedUntil], [wholeMs]);
    },
    hooksFor(network) {
      limitOf(network);
      return {
        // The class comes from the caller's async context: a job's, or a reconcile listing's.
        beforeRequest: async () => {
          await acquireGrant(network, { requestClass: currentClass() });
        },
      };
    },
  };
}
