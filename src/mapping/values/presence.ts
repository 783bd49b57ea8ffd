// When does a field "carry a value"? Used for lossy reports and `empty`/`present` conditions.
import { isDecimalZero } from './decimal.js';

/**
 * A field carries a value unless it is absent, null, an empty string, an empty list or object,
 * a false/zero flag or amount (`0`, `"0.00"`, `false`), Offerslook's `"-1"` (not set) or
 * Offerit's `"Never"`. Zeros count as empty because both platforms send them for "unused"
 * (a `featured` of `"0"` is not information the other side is missing).
 */
export function carriesValue(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0 && value !== -1;
  if (typeof value === 'string') {
    if (value === '' || value === '0' || value === '-1') return false;
    const text = /^\s|\s$/.test(value) ? value.trim() : value;
    if (text === '' || text === '-1') return false;
    const first = text.charCodeAt(0);
    // Only text starting with a digit or "-" can be a zero; only five letters can be "Never".
    if ((first >= 48 && first <= 57) || first === 45) return !isDecimalZero(text);
    return text.length !== 5 || text.toLowerCase() !== 'never';
  }
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Present = set at all: not absent, null or an empty string (a `"0"` is present). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The text form of a scalar for lookups and comparisons (`1` and `"1"` are the same key). */
export function scalarKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return undefined;
}
