// A strict, cross-process rate limiter per network. Every HTTP request to a network (read or
// write, from any process) awaits `acquire` first. Unlike BullMQ's fixed-window limiter, which
// lets up to 2x through around a window edge, this keeps a log of grant times, so no sliding
// window of the configured length ever holds more than `max` grants.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisConnection } from '../../redis/redis-connection.js';
import type { PlatformName, RateLimit } from '../../config/index.js';
import type { RequestHooks } from '../../platforms/platform-client.js';
import { bullPrefix } from '../names.js';
import { runScript } from './lua-script.js';
import { PAUSE_SCRIPT, TAKE_SCRIPT } from './limiter-scripts.js';

export interface Grant {
  network: PlatformName;
  /** Time spent in `acquire`, pauses included, in milliseconds. */
  waitedMs: number;
  /** When Redis granted it, in microseconds since the epoch (Redis clock). */
  grantedAtUs: number;
}

export interface RateLimiterOptions {
  /**
   * Up to this much random extra sleep before a retry, in milliseconds, so waiters that were
   * told the same wait do not all hit Redis in the same instant. @defaultValue 5
   */
  jitterMs?: number;
  /** Called on every grant, e.g. for the limiter wait-time metric. */
  onGrant?: (grant: Grant) => void;
  /**
   * Added to every window, in milliseconds. Grants are exact on the Redis clock, but requests
   * reach the network after varying latency; a small margin keeps a strict server's own window
   * from seeing two grants that were `durationMs` apart arrive closer. @defaultValue 0
   */
  windowMarginMs?: number;
  /** Source of numbers in [0, 1) for the jitter. @defaultValue Math.random */
  random?: () => number;
}

export interface AcquireOptions {
  /** Stops waiting (rejecting with the signal's reason), e.g. on shutdown. */
  signal?: AbortSignal;
}

export interface RateLimiter {
  readonly limits: Readonly<Partial<Record<PlatformName, RateLimit>>>;
  /** Waits for a slot on `network`; resolves with how long it waited, in milliseconds. */
  acquire(network: PlatformName, options?: AcquireOptions): Promise<number>;
  /** Like `acquire`, with the grant's details. */
  acquireGrant(network: PlatformName, options?: AcquireOptions): Promise<Grant>;
  /** Makes every process's `acquire` on `network` wait `ms` milliseconds from now (Redis time). */
  pause(network: PlatformName, ms: number): Promise<void>;
  /** Hooks a platform client plugs in: each request first takes a slot. */
  hooksFor(network: PlatformName): RequestHooks;
}

/** Redis keys of one network's limiter, under the hash-tagged prefix (one Cluster slot). */
export function limiterKeys(
  prefix: string,
  network: PlatformName,
): { log: string; pausedUntil: string } {
  const base = `${bullPrefix(prefix)}:limiter:${network}`;
  return { log: base, pausedUntil: `${base}:paused-until` };
}

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
  limits: Partial<Record<PlatformName, RateLimit>>,
  options: RateLimiterOptions = {},
): RateLimiter {
  const jitterMs = options.jitterMs ?? 5;
  const random = options.random ?? Math.random;
  const marginMs = Math.max(0, options.windowMarginMs ?? 0);
  const instance = randomBytes(6).toString('hex');
  let sequence = 0;

  function limitOf(network: PlatformName): RateLimit {
    const limit = limits[network];
    if (!limit) throw new Error(`no rate limit configured for ${network}`);
    return limit;
  }

  async function acquireGrant(
    network: PlatformName,
    acquireOptions: AcquireOptions = {},
  ): Promise<Grant> {
    const limit = limitOf(network);
    const { max } = limit;
    const durationMs = limit.durationMs + marginMs;
    const keys = limiterKeys(prefix, network);
    const started = performance.now();
    for (;;) {
      acquireOptions.signal?.throwIfAborted();
      const member = `${instance}:${(sequence += 1)}`;
      const reply = (await runScript(
        redis,
        TAKE_SCRIPT,
        [keys.log, keys.pausedUntil],
        [max, durationMs * 1000, member, durationMs + LOG_TTL_SLACK_MS],
      )) as [number, number];
      const [granted, value] = reply;
      if (granted === 1) {
        const grant = {
          network,
          waitedMs: Math.round(performance.now() - started),
          grantedAtUs: value,
        };
        options.onGrant?.(grant);
        return grant;
      }
      const waitMs = Math.ceil(value / 1000) + random() * jitterMs;
      await pause(waitMs, acquireOptions.signal);
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
        beforeRequest: async () => {
          await acquireGrant(network);
        },
      };
    },
  };
}
