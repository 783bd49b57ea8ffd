// An expectation for an amount that holds whatever the platform's spelling: the contract's v1
// get_details answers "4.50", v2's default commission change the JSON number 4.5. Exact
// (decimal.js), never through floats.
import { Decimal } from 'decimal.js';

export interface DecimalMatcher {
  asymmetricMatch(actual: unknown): boolean;
  toString(): string;
  toAsymmetricMatcher(): string;
}

/** Matches a decimal string or number equal to `expected` (`decimal('4.50')` matches "4.5"). */
export function decimal(expected: string): DecimalMatcher {
  const want = new Decimal(expected);
  return {
    asymmetricMatch: (actual) =>
      (typeof actual === 'string' && /^-?\d+(\.\d+)?$/.test(actual.trim())) ||
      typeof actual === 'number'
        ? new Decimal(typeof actual === 'string' ? actual.trim() : actual).equals(want)
        : false,
    toString: () => `decimal(${expected})`,
    toAsymmetricMatcher: () => `decimal(${expected})`,
  };
}
