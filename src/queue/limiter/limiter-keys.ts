// Where one network's limiter lives in Redis, and how its share turns into whole grants.
import type { ConnectionName } from '../../vocabulary/index.js';
import { bullPrefix } from '../names.js';
import type { RequestClass } from '../../platforms/request-class.js';

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
export function limiterKeys(prefix: string, network: ConnectionName): LimiterKeys {
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
