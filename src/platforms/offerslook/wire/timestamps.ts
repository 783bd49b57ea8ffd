// Offerslook times. Most resources answer unix seconds; some answer `"YYYY-MM-DD HH:MM:SS"`
// strings or `null` (contract section 2, v2). Records hold one form whatever the answer was:
// unix seconds as a number, and no field at all for `null`, so the same platform state gives the
// same record (and the same content hash) from every endpoint.
// ASSUMED: date-time strings are UTC; no page names their zone, and the sandbox writes UTC.
import { z } from 'zod';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:Z|[+-]00:?00)?$/;

/** `"2016-11-02 12:13:17"` -> unix seconds; `undefined` when the text is no such date-time. */
export function dateTimeSeconds(text: string): number | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  // Date.UTC rolls 2016-02-30 over into March: only a real calendar time counts.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || hour > 23) return undefined;
  return ms / 1000;
}

/** Unix seconds -> `"YYYY-MM-DD HH:MM:SS"` (UTC), the form some Offerslook answers use. */
export function dateTimeText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Text that means "no time": empty, or MySQL's zero date. */
const NO_TIME = new Set(['', '0000-00-00 00:00:00', '0000-00-00']);

/**
 * A time as any Offerslook answer sends it: `1478088797`, `"1478088797"`,
 * `"2016-11-02 12:13:17"`, or `null` / `""` (none). Read as unix seconds, or `undefined` for none.
 */
export const wireTimestamp = z
  .union([z.number().int(), z.string(), z.null()])
  .transform((value, context): number | undefined => {
    if (value === null) return undefined;
    if (typeof value === 'number') return value;
    const text = value.trim();
    if (NO_TIME.has(text)) return undefined;
    if (/^-?\d+$/.test(text)) return Number(text);
    const seconds = dateTimeSeconds(text);
    if (seconds !== undefined) return seconds;
    context.issues.push({
      code: 'custom',
      input: value,
      message: 'expected unix seconds or a date-time as YYYY-MM-DD HH:MM:SS',
    });
    return z.NEVER;
  });

/**
 * An affiliate tier's effective or expiration time: requests send the day (`YYYY-MM-DD`), answers
 * unix seconds. A date-time string is read as unix seconds; other text stays text (as before: the
 * mappings read days and unix times from it, and its kind stays "string").
 */
export const wireTierTime = z
  .union([z.number().int(), z.string(), z.null()])
  .transform((value): number | string | undefined => {
    if (value === null) return undefined;
    if (typeof value === 'number') return value;
    const text = value.trim();
    if (NO_TIME.has(text)) return undefined;
    return dateTimeSeconds(text) ?? text;
  });
