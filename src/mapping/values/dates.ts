// Dates in the forms the two platforms use, read tolerantly and written exactly. All UTC.
//   datetime: `YYYY-MM-DD HH:MM:SS` (Offerit; read through PHP strtotime; `Never`/empty = none)
//   unix:     seconds since the epoch (Offerslook offers)
//   day:      `YYYY-MM-DD` (Offerslook affiliate tier dates)

export const DATE_FORMS = ['datetime', 'unix', 'day'] as const;
export type DateForm = (typeof DATE_FORMS)[number];

/** A parsed date: epoch seconds, `null` for an explicit "no date", or an error text. */
export type ParsedDate =
  { ok: true; seconds: number | null; dayOnly: boolean } | { ok: false; reason: string };

const NONE_TEXTS = new Set(['', 'never', '0', '0000-00-00', '0000-00-00 00:00:00']);
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]00:?00)?)?$/;
const SECONDS_PER_DAY = 86_400;

/**
 * Reads any of the forms: `YYYY-MM-DD[ HH:MM[:SS]]`, ISO `...T...Z`, unix seconds (number or
 * digits), `now`/`today` (from `now`), and the "none" spellings (`""`, `Never`, `0`, zero dates).
 */
export function parseDate(value: unknown, now: Date): ParsedDate {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { ok: false, reason: 'a unix time must be whole seconds' };
    return { ok: true, seconds: value === 0 ? null : value, dayOnly: false };
  }
  if (typeof value !== 'string')
    return { ok: false, reason: `expected a date, got ${typeof value}` };
  if (value === '') return { ok: true, seconds: null, dayOnly: false };
  const fast = parseDateTimeFast(value);
  if (fast !== undefined) return { ok: true, seconds: fast, dayOnly: false };
  const text = value.trim();
  const lower = text.toLowerCase();
  if (NONE_TEXTS.has(lower)) return { ok: true, seconds: null, dayOnly: false };
  if (/^-?\d+$/.test(text)) return { ok: true, seconds: Number(text), dayOnly: false };
  if (lower === 'now')
    return { ok: true, seconds: Math.floor(now.getTime() / 1000), dayOnly: false };
  if (lower === 'today') {
    const seconds = Math.floor(now.getTime() / 1000);
    return { ok: true, seconds: seconds - (seconds % SECONDS_PER_DAY), dayOnly: true };
  }
  const match = DATE_TIME.exec(text);
  if (!match)
    return {
      ok: false,
      reason: `"${text}" is not a date (YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or unix seconds)`,
    };
  const [year, month, day, hour = '0', minute = '0', second = '0'] = match
    .slice(1)
    .map((part) => part ?? '0');
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const check = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March; a real calendar date must survive the round trip.
  if (
    check.getUTCDate() !== Number(day) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    Number(hour) > 23
  ) {
    return { ok: false, reason: `"${text}" is not a calendar date` };
  }
  return { ok: true, seconds: ms / 1000, dayOnly: match[4] === undefined };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two to four ASCII digits at `start` as a number, or -1. */
function digitsAt(text: string, start: number, length: number): number {
  let result = 0;
  for (let index = start; index < start + length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

/**
 * The exact form Offerit answers with, `YYYY-MM-DD HH:MM:SS`, read without a regular
 * expression or a Date check (the common case when mapping many offers); undefined for
 * anything else, which then takes the general path.
 */
function parseDateTimeFast(text: string): number | undefined {
  if (text.length !== 19) return undefined;
  if (
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== ' ' ||
    text[13] !== ':' ||
    text[16] !== ':'
  )
    return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  )
    return undefined;
  if (second < 0 || second > 59) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Writes epoch seconds in a form; `dayEnd` moves a day-only date to 23:59:59 for non-day forms. */
export function formatDate(seconds: number, form: DateForm): string | number {
  if (form === 'unix') return seconds;
  const date = new Date(seconds * 1000);
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (form === 'day') return day;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The last second of the UTC day that `seconds` falls in. */
export function endOfDay(seconds: number): number {
  return (
    seconds -
    (((seconds % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY) +
    SECONDS_PER_DAY -
    1
  );
}
