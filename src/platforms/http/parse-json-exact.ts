// JSON.parse turns every number into a binary float before any schema sees it, so a payout the
// platform sent as the JSON number 7.50 or 12345678901234567.89 would arrive as 7.5 or
// 12345678901234568. Money is exact end to end: answers are parsed keeping each number's text
// where a float could change it.
import { isSafeNumber, parse } from 'lossless-json';

/**
 * Parses a platform answer. Whole numbers a float holds exactly stay numbers (ids, counts, flags
 * read as before); any other number (a fraction, or a whole number beyond 2^53) is handed on as
 * its exact source text, which the tolerant wire readers accept wherever they accept a number.
 * Exponent forms (`1e-7`) stay numbers: the wire readers expand them, and no platform sends money so.
 */
export function parseJsonExact(text: string): unknown {
  return parse(text, null, (value) =>
    (/^-?\d+$/.test(value) && isSafeNumber(value)) || /[eE]/.test(value) ? Number(value) : value,
  );
}
