// Content hashes of records: sha256 over canonical JSON, so the same content hashes the same
// whatever the key order or the presence of `undefined` properties. The link store keeps these
// to tell "changed since last seen" and "our own write coming back" apart without field diffs.
import { createHash } from 'node:crypto';
import { omitPaths } from './paths.js';

export interface ContentHashOptions {
  /**
   * Dotted paths left out of the hash: volatile fields such as `update_time` that change on
   * every write without changing content. Default: none.
   */
  omit?: readonly string[];
}

/**
 * JSON with object keys sorted (by UTF-16 code unit) and `undefined` properties dropped.
 * Follows JSON.stringify otherwise: `toJSON` is honoured, non-finite numbers become `null`,
 * `undefined` inside arrays becomes `null`. Bigints are written as decimal strings.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  return text ?? 'null';
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
  if (typeof value === 'object') {
    const entries: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const text = write((value as Record<string, unknown>)[key]);
      if (text !== undefined) entries.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${entries.join(',')}}`;
  }
  // Strings, finite numbers, booleans; undefined, functions and symbols give undefined.
  return JSON.stringify(value);
}

/** Hex sha256 of the record's canonical JSON (after leaving out `options.omit`). */
export function contentHash(
  record: Readonly<Record<string, unknown>>,
  options: ContentHashOptions = {},
): string {
  const subject =
    options.omit && options.omit.length > 0 ? omitPaths(record, options.omit) : record;
  return createHash('sha256').update(canonicalJson(subject)).digest('hex');
}
