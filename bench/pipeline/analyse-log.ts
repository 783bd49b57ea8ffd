// Judges a sandbox request log against a sliding-window budget of `max` per `windowMs`.
// The achieved rate is read from spacing, not from counts in fixed windows: a limiter that
// grants in bursts at window edges fills a fixed window exactly, while its sustained rate is
// `max` per (window + margin). Each request is compared with the one `max` requests earlier.

export interface LogAnalysis {
  requests: number;
  /** Most requests in any window (t - window, t]; at most `max` means within the budget. */
  maxInWindow: number;
  /** Requests that ended a window holding more than `max`. */
  overLimitWindows: number;
  /** `max` per the mean time between a request and the one `max` requests before it. */
  achievedPerSec: number;
  budgetPerSec: number;
  /** achieved / budget: 1 is the budget exactly used. */
  ratio: number;
}

export function analyseLog(timesMs: readonly number[], max: number, windowMs: number): LogAnalysis {
  const sorted = [...timesMs].sort((a, b) => a - b);
  let maxInWindow = 0;
  let overLimitWindows = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - windowMs) start++;
    const inWindow = end - start + 1;
    maxInWindow = Math.max(maxInWindow, inWindow);
    if (inWindow > max) overLimitWindows++;
  }
  let spacing = 0;
  for (let index = max; index < sorted.length; index++)
    spacing += sorted[index]! - sorted[index - max]!;
  const pairs = sorted.length - max;
  const budgetPerSec = (max * 1000) / windowMs;
  const achievedPerSec = pairs > 0 && spacing > 0 ? (max * 1000) / (spacing / pairs) : 0;
  return {
    requests: sorted.length,
    maxInWindow,
    overLimitWindows,
    achievedPerSec,
    budgetPerSec,
    ratio: achievedPerSec / budgetPerSec,
  };
}
