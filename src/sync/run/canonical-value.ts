// One spelling per value, as the planner's equality sees values: what `createEquals` calls equal
// must hash the same, or a record would look changed while every field compares equal. So
// decimals are written in their shortest exact form ("2.80" and 2.8 are "2.8"), and the "not set"
// spellings (missing, null, "", Offerslook's "-1") all drop out.
import { Decimal } from 'decimal.js';

const DECIMAL_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** `undefined` means "not set": the path is left out of the projection. */
export function canonicalValue(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return decimalText(new Decimal(value));
  }
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) {
    return decimalText(new Decimal(value));
  }
  // An empty list or map is a value of its own (the equality does not call it "not set").
  if (Array.isArray(value)) return value.map((item) => canonicalValue(item) ?? null);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => [key, canonicalValue(item)] as const)
      .filter(([, item]) => item !== undefined);
    return Object.fromEntries(entries);
  }
  return value;
}

function decimalText(value: Decimal): string | undefined {
  // Offerslook's "-1" is "not set", like a missing amount (the routes' equality says so too).
  if (value.equals(-1)) return undefined;
  return value.toFixed();
}
