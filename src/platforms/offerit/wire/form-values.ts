// Request parameter types as Offerit reads them from a PHP form. Each schema's input is what the
// client may pass (booleans, whole numbers, decimal strings); its output is the text the form
// carries, which is also what the sandbox sees after decoding. Amounts are decimal strings only:
// a float never reaches the wire.
import { z } from 'zod';

/**
 * A scalar sent as text or a number, trimmed, then checked by `test`. One refinement (not a union
 * of alternatives) so that a refused value gets the one message `error`.
 */
export const formScalar = (test: (text: string) => boolean, error: string) =>
  z
    .union([z.string(), z.number()], { error })
    .transform((value) => String(value).trim())
    .refine(test, { error });

/** `0`/`1`; `true`/`false` are encoded as 1/0. */
export const formBool = z
  .union([z.boolean(), formScalar((text) => text === '0' || text === '1', 'expected 0 or 1')], {
    error: 'expected 0 or 1',
  })
  .transform((value) => (value === true || value === '1' ? '1' : '0'));

/** A whole number (ids, seconds, counts), as text. */
export const formInt = formScalar((text) => /^\d+$/.test(text), 'expected a whole number');

/** A decimal amount as text (`"15"`, `"2.80"`); empty clears it. */
export const formDecimal = z
  .string({ error: 'expected a decimal amount as text' })
  .trim()
  .regex(/^(\d+(\.\d+)?)?$/, { error: 'expected a decimal amount such as 15 or 2.80' });

/** Free text. */
export const formText = z.string({ error: 'expected text' });

/**
 * A date PHP's `strtotime` reads. We accept what this project sends and the common forms
 * people type: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, unix seconds, `now`, or empty.
 */
export const formDate = z
  .union([z.string(), z.number().int().nonnegative()], { error: 'expected a date' })
  .transform((value) => String(value).trim())
  .refine((value) => /^(|now|\d+|\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?)$/i.test(value), {
    error: 'expected a date as YYYY-MM-DD HH:MM:SS or unix seconds',
  });

/** `int,string,array` fields: one id, a comma list, or a list; read as a list of text. */
export const formList = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))], {
    error: 'expected a value, a comma separated list or a list',
  })
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((item) => String(item).split(','))
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

/** Country codes: `"DE,ES"`, `["GB","DE"]` or seed 003's `["GB,DE"]`; read as upper-case ISO-2 codes. */
export const formCountries = formList
  .transform((codes) => codes.map((code) => code.toUpperCase()))
  .refine((codes) => codes.every((code) => /^[A-Z]{2}$/.test(code)), {
    error: 'expected 2 letter country codes',
  });

/** A named value from `values`, or empty to clear it. */
export const formEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string({ error: `expected one of ${values.join(', ')}` })
    .trim()
    .refine((text) => text === '' || (values as readonly string[]).includes(text), {
      error: `expected one of ${values.join(', ')}`,
    })
    .transform((text) => text as T[number] | '');

/** A numeric option (`ip_conversion_limit_flag` 0/1/2, ...), sent as a number or as text. */
export const formChoice = <const T extends readonly [string, ...string[]]>(
  values: T,
  error: string,
) => formScalar((text) => (values as readonly string[]).includes(text), error);
