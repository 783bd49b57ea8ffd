// Percentiles by nearest rank: the p-th percentile of n values is the ceil(p * n)-th smallest, a
// value that was measured (no interpolation between two webhooks' latencies).
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

export interface LatencySummary {
  count: number;
  /** Webhooks whose edit never reached the target within the wait. */
  missing: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** `undefined` for an edit that never arrived: it counts as slower than every other. */
export function summarize(latencies: readonly (number | undefined)[]): LatencySummary {
  const arrived = latencies.filter((value): value is number => value !== undefined);
  const missing = latencies.length - arrived.length;
  const all = [...arrived, ...Array<number>(missing).fill(Number.POSITIVE_INFINITY)];
  return {
    count: latencies.length,
    missing,
    p50Ms: percentile(all, 0.5),
    p95Ms: percentile(all, 0.95),
    maxMs: percentile(all, 1),
  };
}
