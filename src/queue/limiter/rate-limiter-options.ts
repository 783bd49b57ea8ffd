// What the rate limiter takes and gives: its options, a grant, and the limiter itself.
import type { RateLimit } from '../../config/index.js';
import type { ConnectionName } from '../../vocabulary/index.js';
import type { RequestHooks } from '../../platforms/platform-client.js';
import type { RequestClass } from '../../platforms/request-class.js';

export interface Grant {
  network: ConnectionName;
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
   * reconciliation is owed while live work keeps coming, so neither class starves: with both
   * saturating, reconciliation gets this share and live work the rest. A class alone takes the
   * whole budget. @defaultValue 0.8
   */
  reconcileShare?: number;
  /**
   * How long a waiting acquirer's registration lasts unless refreshed, in milliseconds. Waiters
   * poll at least three times within it, so a registration lives exactly as long as its wait,
   * and one whose process died stops holding the other class back after at most this.
   * @defaultValue 3000
   */
  waiterTtlMs?: number;
  /**
   * How long live work still counts as waiting after a live grant, in milliseconds. Meanwhile
   * reconciliation keeps to its share, so the next request of a live job (its requests come one
   * after another) finds a free slot rather than a window reconciliation refilled at once. Each
   * quiet stretch this long after live work costs reconciliation at most the live part of the
   * budget. @defaultValue 3000
   */
  liveLingerMs?: number;
}

export interface AcquireOptions {
  /** Stops waiting (rejecting with the signal's reason), e.g. on shutdown. */
  signal?: AbortSignal;
  /** The class the slot is taken for. @defaultValue currentClass(): `live` unless run as reconcile */
  requestClass?: RequestClass;
}

export interface RateLimiter {
  readonly limits: Readonly<Partial<Record<ConnectionName, RateLimit>>>;
  /** Waits for a slot on `network`; resolves with how long it waited, in milliseconds. */
  acquire(network: ConnectionName, options?: AcquireOptions): Promise<number>;
  /** Like `acquire`, with the grant's details. */
  acquireGrant(network: ConnectionName, options?: AcquireOptions): Promise<Grant>;
  /** Makes every process's `acquire` on `network` wait `ms` milliseconds from now (Redis time). */
  pause(network: ConnectionName, ms: number): Promise<void>;
  /** Hooks a platform client plugs in: each request first takes a slot. */
  hooksFor(network: ConnectionName): RequestHooks;
}
