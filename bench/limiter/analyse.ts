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
