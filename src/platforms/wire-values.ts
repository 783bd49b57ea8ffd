// Tolerant readers for the loose value types both platforms send back: numbers as strings,
// strings as numbers, booleans as 0/1. Amounts stay decimal strings: never parsed into floats.
import { z } from 'zod';

/** An id sent as `"400"` or `400`; always read as a string. */
export const wireId = z.union([z.string(), z.number().int()]).transform(String);

/**
 * A decimal amount as a string (`"2.80"`, `"-1"`). A JSON number is accepted and turned into
 * its shortest exact decimal text, which is what the platform meant (the seeds send both).
 */
export const wireDecimal = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === 'number' ? numberToDecimalText(value) : value.trim()))
  .refine((value) => value === '' || /^-?\d+(\.\d+)?$/.test(value), {
    message: 'expected a decimal number',
  });

/** Any scalar read as text (`"1"`, `1`, `true` → `"1"`). */
export const wireText = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((value) => (typeof value === 'boolean' ? (value ? '1' : '0') : String(value)));

/** An integer flag or code sent as `1`, `"1"`; read as a number. */
export const wireInt = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/)])
  .transform((value) => Number(value));

function numberToDecimalText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // toString gives the shortest round-trip text; expand exponent forms like 1e-7.
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}

/**
 * One of `values` (lower case), read whatever its letter case (`"Active"`, `"ACTIVE"`) and handed
 * on in lower case, so records compare equal however a platform capitalises them.
 */
export function caselessEnum<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(values));
}
