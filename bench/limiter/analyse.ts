// Judges a run from its grant times (Redis clock, microseconds): was any sliding window over
// budget, and how close to the budget did the limiter get?

export interface GrantAnalysis {
  grants: number;
  /** Most grants found in any window (t - window, t]; strict means at most `max`. */
  maxInWindow: number;
  /** Grants that ended a window holding more than `max`; strict means 0. */
  overLimitWindows: number;
  /** Grants per second over the whole windows after the first grant. */
  achievedPerSec: number;
  budgetPerSec: number;
  /** achieved / budget over those whole windows: 1 is the budget exactly used. */
  ratio: number;
}

export function analyseGrants(
  grantsUs: readonly number[],
  max: number,
  windowMs: number,
): GrantAnalysis {
  const sorted = [...grantsUs].sort((a, b) => a - b);
  const windowUs = windowMs * 1000;
  let maxInWindow = 0;
  let overLimitWindows = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - windowUs) start++;
    const inWindow = end - start + 1;
    maxInWindow = Math.max(maxInWindow, inWindow);
    if (inWindow > max) overLimitWindows++;
  }
  const budgetPerSec = (max * 1000) / windowMs;
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const windows =
    first === undefined || last === undefined ? 0 : Math.floor((last - first) / windowUs);
  const inWhole = windows === 0 ? 0 : sorted.filter((t) => t < first! + windows * windowUs).length;
  const achievedPerSec = windows === 0 ? 0 : inWhole / ((windows * windowMs) / 1000);
  return {
    grants: sorted.length,
    maxInWindow,
    overLimitWindows,
    achievedPerSec,
    budgetPerSec,
    ratio: windows === 0 ? 0 : achievedPerSec / budgetPerSec,
  };
}

/** What `analyseClasses` needs of a grant (a limiter `Grant` has it). */
export interface ClassedGrant {
  grantedAtUs: number;
  waitedMs: number;
  requestClass: 'live' | 'reconcile';
}

export interface ClassAnalysis {
  all: GrantAnalysis;
  /** Each class's grants against the whole budget, over the whole windows after the first. */
  liveRatio: number;
  reconcileRatio: number;
  /** floor(share * max): what reconciliation may hold in a window while live work waits. */
  reconcileMax: number;
  /** Reconcile grants made while some live request waited. */
  reconcileWhileLiveWaits: number;
  /** Most reconcile grants in the window ending at one of those; the limiter keeps it <= reconcileMax. */
  maxReconcileWhileLiveWaits: number;
  /** Live waits, in milliseconds. */
  liveWaitP50Ms: number;
  liveWaitP95Ms: number;
}

/**
 * A live request counts as waiting from `graceMs` after it began (by then its first refusal has
 * registered it with the limiter) until its grant.
 */
export function analyseClasses(
  grants: readonly ClassedGrant[],
  max: number,
  windowMs: number,
  reconcileMax: number,
  graceMs = 10,
): ClassAnalysis {
  const sorted = [...grants].sort((a, b) => a.grantedAtUs - b.grantedAtUs);
  const windowUs = windowMs * 1000;
  const all = analyseGrants(
    sorted.map((grant) => grant.grantedAtUs),
    max,
    windowMs,
  );
  const live = sorted.filter((grant) => grant.requestClass === 'live');
  const waits = live
    .filter((grant) => grant.waitedMs > graceMs)
    .map((grant) => [grant.grantedAtUs - (grant.waitedMs - graceMs) * 1000, grant.grantedAtUs]);
  const liveWaits = (t: number) => waits.some(([from, to]) => from! < t && t < to!);

  let reconcileWhileLiveWaits = 0;
  let maxReconcileWhileLiveWaits = 0;
  let start = 0;
  let reconcileInWindow = 0;
  for (const grant of sorted) {
    if (grant.requestClass !== 'reconcile') continue;
    reconcileInWindow++;
    while (sorted[start]!.grantedAtUs <= grant.grantedAtUs - windowUs) {
      if (sorted[start]!.requestClass === 'reconcile') reconcileInWindow--;
      start++;
    }
    if (!liveWaits(grant.grantedAtUs)) continue;
    reconcileWhileLiveWaits++;
    maxReconcileWhileLiveWaits = Math.max(maxReconcileWhileLiveWaits, reconcileInWindow);
  }
  // Whole windows after the first one: all acquirers start at once, and the first window goes
  // to whoever asked first; the rules shape the windows after it.
  const from = (sorted[0]?.grantedAtUs ?? 0) + windowUs;
  const last = sorted[sorted.length - 1]?.grantedAtUs ?? 0;
  const windows = Math.max(0, Math.floor((last - from) / windowUs));
  const ratioOf = (cls: ClassedGrant['requestClass']) =>
    windows === 0
      ? 0
      : sorted.filter(
          (grant) =>
            grant.requestClass === cls &&
            grant.grantedAtUs >= from &&
            grant.grantedAtUs < from + windows * windowUs,
        ).length /
        (windows * max);
  const liveWaitsMs = live.map((grant) => grant.waitedMs).sort((a, b) => a - b);
  return {
    all,
    liveRatio: ratioOf('live'),
    reconcileRatio: ratioOf('reconcile'),
    reconcileMax,
    reconcileWhileLiveWaits,
    maxReconcileWhileLiveWaits,
    liveWaitP50Ms: quantile(liveWaitsMs, 0.5),
    liveWaitP95Ms: quantile(liveWaitsMs, 0.95),
  };
}

/** The q-quantile of ascending values (nearest rank); 0 when there are none. */
export function quantile(ascending: readonly number[], q: number): number {
  if (ascending.length === 0) return 0;
  return ascending[Math.min(ascending.length - 1, Math.ceil(q * ascending.length) - 1)]!;
}
