// The sandbox's own rate limit: a true sliding window, so a client that respects the budget
// never sees a 429 and one that does not is caught at any window edge.
export class SlidingWindow {
  private readonly stamps: number[] = [];

  constructor(
    /** Most requests allowed in any window. */
    readonly max: number,
    /** Window length, in milliseconds. */
    readonly durationMs: number,
  ) {}

  /** Takes a slot at `now`, or says how long until one frees up (milliseconds). */
  take(now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    while (this.stamps.length > 0 && this.stamps[0]! <= now - this.durationMs) this.stamps.shift();
    if (this.stamps.length < this.max) {
      this.stamps.push(now);
      return { ok: true };
    }
    return { ok: false, retryAfterMs: this.stamps[0]! + this.durationMs - now };
  }

  reset(): void {
    this.stamps.length = 0;
  }
}

/**
 * The most timestamps that fall inside any window of `durationMs` (a window is (t - d, t]).
 * Tests use it on the request log to prove no window ever exceeded the budget.
 */
export function maxInAnyWindow(times: readonly number[], durationMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - durationMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
