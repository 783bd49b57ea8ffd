// Job payloads hold references only, but the dashboard shows whatever a job carries; this is the
// second line of defence should a key ever slip into one.

/** Keys whose values are never shown: api_key, apiKey, password, authorization, secret, token... */
export const SECRET_KEY = /api[-_]?key|passw(or)?d|authorization|secret|token|credential/i;
export const REDACTED = '[redacted]';

/** A copy of `value` with every property named like a secret replaced by `[redacted]`, at any depth. */
export function redactSecrets(value: unknown): unknown {
  return walk(value, new WeakSet());
}

function walk(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) ? REDACTED : walk(child, seen);
  }
  return copy;
}
