// Offerit reads parameters the way PHP does: `application/x-www-form-urlencoded` with bracket
// notation for lists and nested lists (`countries[0]=GB&goal_vars[0][goal_id]=1`), booleans as
// 0/1. The client encodes with these; the sandbox decodes with them.
import qs from 'qs';

/** A value the encoder accepts: scalars, lists and nested records of them. */
export type PhpFormValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly PhpFormValue[]
  | { readonly [key: string]: PhpFormValue };

/** Encodes params PHP-style. `undefined` and `null` are left out, as `http_build_query` does. */
export function encodePhpForm(params: Readonly<Record<string, PhpFormValue>>): string {
  return qs.stringify(booleansAsDigits(params), {
    arrayFormat: 'indices',
    // Brackets stay readable (`countries[0]`); PHP decodes them either way.
    encodeValuesOnly: true,
    skipNulls: true,
  });
}

/**
 * Decodes a query string or form body into what PHP's `$_REQUEST` would hold: strings, lists
 * and records. `arrayLimit` is raised so that `goal_vars[25][...]` still reads as a list.
 */
export function decodePhpForm(text: string): Record<string, unknown> {
  return qs.parse(text, { arrayLimit: 1000, parameterLimit: 10_000, depth: 5 });
}

function booleansAsDigits(value: PhpFormValue): PhpFormValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return (value as readonly PhpFormValue[]).map(booleansAsDigits);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, PhpFormValue> = {};
    for (const [key, child] of Object.entries(value)) out[key] = booleansAsDigits(child);
    return out;
  }
  return value;
}
