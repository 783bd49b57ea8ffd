// Exact decimal handling: amounts stay strings; arithmetic goes through decimal.js, never floats.
import { Decimal } from 'decimal.js';

/** A private Decimal constructor, so the engine never changes decimal.js's global settings. */
export const ExactDecimal = Decimal.clone({ precision: 40, toExpNeg: -40, toExpPos: 40 });
export type ExactDecimal = Decimal;

export const ROUNDING_MODES = [
  'up',
  'down',
  'ceil',
  'floor',
  'half-up',
  'half-down',
  'half-even',
] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

const ROUNDING: Record<RoundingMode, Decimal.Rounding> = {
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
  'half-up': Decimal.ROUND_HALF_UP,
  'half-down': Decimal.ROUND_HALF_DOWN,
  'half-even': Decimal.ROUND_HALF_EVEN,
};

export function roundingConstant(mode: RoundingMode): Decimal.Rounding {
  return ROUNDING[mode];
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * The decimal text of a value, or undefined when it is not a decimal. A JSON number becomes
 * its shortest exact text (what the platform meant); exponent forms are expanded.
 */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    return DECIMAL_TEXT.test(text) ? text : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value);
    return /e/i.test(text) ? new ExactDecimal(text).toFixed() : text;
  }
  return undefined;
}

/**
 * Up to 15 significant digits, a decimal text parses to a distinct, correctly ordered double,
 * so comparing Numbers is exact; longer texts go through decimal.js. (Amounts are short: this
 * keeps conditions such as `{ gt: 0 }` off the slow path.)
 */
function shortEnough(text: string): boolean {
  let digits = text.length;
  if (text.charCodeAt(0) === 45) digits--; // '-'
  if (text.includes('.')) digits--;
  return digits <= 15;
}

function compareTexts(left: string, right: string): number {
  if (left === right) return 0;
  if (shortEnough(left) && shortEnough(right)) {
    const a = Number(left);
    const b = Number(right);
    return a === b ? 0 : a < b ? -1 : 1;
  }
  return new ExactDecimal(left).comparedTo(right);
}

/** Whether two values are equal as decimals (`"2.80"` = `2.8`); false if either is not a decimal. */
export function decimalEquals(a: unknown, b: unknown): boolean {
  const left = decimalText(a);
  const right = decimalText(b);
  if (left === undefined || right === undefined) return false;
  return compareTexts(left, right) === 0;
}

/** Compares as decimals: negative, zero, positive; undefined if either is not a decimal. */
export function decimalCompare(a: unknown, b: unknown): number | undefined {
  const left = decimalText(a);
  const right = decimalText(b);
  if (left === undefined || right === undefined) return undefined;
  return compareTexts(left, right);
}

export function isDecimalZero(text: string): boolean {
  return /^-?0+(\.0+)?$/.test(text);
}
