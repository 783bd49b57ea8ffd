// Durations in config are written the way people say them: 500ms, 10s, 5m, 1h, 30d.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `10s`, `500ms`, `5m`, `1h`, `30d` (or a bare number of milliseconds) into milliseconds. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

export interface RateLimit {
  /** Most requests allowed in any window of `durationMs`. */
  max: number;
  /** Length of the sliding window, in milliseconds. */
  durationMs: number;
}

/** Parses `<max>/<duration>`, e.g. `50/10s`. */
export function parseRateLimit(text: string): RateLimit | undefined {
  const [maxText, durationText, ...rest] = text.split('/');
  if (rest.length > 0 || maxText === undefined || durationText === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(maxText)) return undefined;
  const max = Number(maxText);
  const durationMs = parseDurationMs(durationText);
  if (!Number.isSafeInteger(max) || max < 1 || durationMs === undefined) return undefined;
  return { max, durationMs };
}

export function formatRateLimit(limit: RateLimit): string {
  return limit.durationMs % 1000 === 0
    ? `${limit.max}/${limit.durationMs / 1000}s`
    : `${limit.max}/${limit.durationMs}ms`;
}
