// A strict, cross-process rate limiter per network. Every HTTP request to a network (read or
// write, from any process) awaits `acquire` first. Unlike BullMQ's fixed-window limiter, which
// lets up to 2x through around a window edge, this keeps a log of grant times, so no sliding
// window of the configured length ever holds more than `max` grants. Each request is `live` or
// `reconcile` (request-class.ts): while live work waits at a network, reconciliation holds at most
// its share of the window, and live requests take the slots it is not owed (limiter-scripts.ts).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { PlatformName, RateLimit } from '../../config/index.js';
import type { RequestHooks } from '../../platforms/platform-client.js';
import { bullPrefix } from '../names.js';
import { runScript } from './lua-script.js';
import { PAUSE_SCRIPT, TAKE_SCRIPT } from './limiter-scripts.js';
import { currentClass, type RequestClass } from './request-class.js';

export interface Grant {
  network: PlatformName;
  /** Time spent in `acquire`, pauses included, in milliseconds. */
  waitedMs: number;
  /** When Redis granted it, in microseconds since the epoch (Redis clock). */
  grantedAtUs: number;
  /** The class the slot was taken for. */
  requestClass: RequestClass;
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
  /**
   * The part of each network's `max` that reconciliation may hold in a window while live
   * requests wait at that network, in (0, 1], rounded down to whole grants. It is also what
   * reconciliation is owed while live work keeps coming, so neither class starves; a class
   * alone takes the whole budget. @defaultValue 0.8
   */
  reconcileShare?: number;
  /**
   * How long a waiting acquirer's registration lasts unless refreshed, in milliseconds. Waiters
   * poll at least three times within it, so a registration lives exactly as long as its wait,
   * and one whose process died stops holding the other class back after at most this.
   * @defaultValue 3000
   */
  waiterTtlMs?: number;
}

export interface AcquireOptions {
  /** Stops waiting (rejecting with the signal's reason), e.g. on shutdown. */
  signal?: AbortSignal;
  /** The class the slot is taken for. @defaultValue currentClass(): `live` unless run as reconcile */
  requestClass?: RequestClass;
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

export interface LimiterKeys {
  /** Every grant in the window: score = grant time (us). */
  log: string;
  pausedUntil: string;
  /** The reconcile grants of `log`. */
  reconcileLog: string;
  /** Acquirers waiting now, by class: score = when the registration lapses (us). */
  waiters: Readonly<Record<RequestClass, string>>;
}

/** Redis keys of one network's limiter, under the hash-tagged prefix (one Cluster slot). */
export function limiterKeys(prefix: string, network: PlatformName): LimiterKeys {
  const base = `${bullPrefix(prefix)}:limiter:${network}`;
  return {
    log: base,
    pausedUntil: `${base}:paused-until`,
    reconcileLog: `${base}:reconcile`,
    waiters: { live: `${base}:waiting:live`, reconcile: `${base}:waiting:reconcile` },
  };
}

/** floor(share * max) without a float product like 0.29 * 100 = 28.999... losing a grant. */
export function reconcileMaxOf(share: number, max: number): number {
  return Math.floor(share * max + 1e-9);
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
  redis: Redis,
  prefix: string,
  limits: Partial<Record<PlatformName, RateLimit>>,
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
    const requestClass = acquireOptions.requestClass ?? currentClass();
    const { signal } = acquireOptions;
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
      Math.max(1000, Math.round((durationMs * 1000) / max)),
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
