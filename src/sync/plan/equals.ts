// Semantic equality of field values, so a platform's own spelling of a value never looks like a
// change: `"2.80"` equals `"2.8"` and `2.8`; "not set" spellings (missing, null, empty string,
// and whatever a route adds, such as Offerslook's `"-1"`) equal each other.
import { Decimal } from 'decimal.js';

/** Compares two values of one field (dotted target path). Must be reflexive and symmetric. */
export type FieldEquals = (field: string, a: unknown, b: unknown) => boolean;

export interface EqualsOptions {
  /**
   * Values that all mean "not set" and so equal each other. Decimal strings among them match
   * numerically (`"-1"` also covers `"-1.00"`). Default: `undefined`, `null` and `""`.
   */
  empty?: readonly unknown[];
}

const DEFAULT_EMPTY: readonly unknown[] = [undefined, null, ''];
const DECIMAL_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** A decimal for strings like `"2.80"` and finite numbers; `undefined` for anything else. */
function asDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : undefined;
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return new Decimal(value);
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds an equality: "not set" values, then decimals, then arrays item by item, then objects key by key. */
export function createEquals(options: EqualsOptions = {}): FieldEquals {
  const empty = options.empty ?? DEFAULT_EMPTY;
  const scalarEqual = (a: unknown, b: unknown): boolean => {
    if (Object.is(a, b) || a === b) return true;
    const da = asDecimal(a);
    const db = asDecimal(b);
    return da !== undefined && db !== undefined && da.equals(db);
  };
  const isEmpty = (value: unknown): boolean => empty.some((blank) => scalarEqual(blank, value));

  const equals: FieldEquals = (field, a, b) => {
    if (scalarEqual(a, b)) return true;
    const aEmpty = isEmpty(a);
    const bEmpty = isEmpty(b);
    if (aEmpty || bEmpty) return aEmpty && bEmpty;
    if (Array.isArray(a) && Array.isArray(b)) {
      return (
        a.length === b.length &&
        a.every((item, index) => equals(`${field}.${index}`, item, b[index]))
      );
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      return [...keys].every((key) => equals(`${field}.${key}`, a[key], b[key]));
    }
    return false;
  };
  return equals;
}

/** Missing, null and `""` are one "not set"; decimals compare numerically; arrays keep order. */
export const defaultEquals: FieldEquals = createEquals();

/** Whether `value` means "not set" under the given empty values (defaults as above). */
export function isEmptyValue(value: unknown, empty: readonly unknown[] = DEFAULT_EMPTY): boolean {
  const equals = createEquals({ empty });
  return empty.some((blank) => equals('', blank, value));
}
