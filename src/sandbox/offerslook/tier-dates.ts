// Affiliate tier dates: requests send `YYYY-MM-DD`, the platform stores and answers unix seconds,
// the start of the effective day and the last second of the expiration day in the network's
// time zone. Seed 002's answer (2016-09-03 -> 1472832000) is UTC+8; the sandbox defaults to UTC.

const DAY_SECONDS = 86_400;

/** `2016-09-03` -> unix seconds of 00:00:00 that day at `utcOffsetMinutes`. */
export function startOfDay(date: string, utcOffsetMinutes = 0): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 1000 - utcOffsetMinutes * 60;
}

/** `2016-10-03` -> unix seconds of 23:59:59 that day at `utcOffsetMinutes`. */
export function endOfDay(date: string, utcOffsetMinutes = 0): number {
  return startOfDay(date, utcOffsetMinutes) + DAY_SECONDS - 1;
}

/** The `range` text of volume tier `index` (from 0): `1-100`, `101-150`, the last one open: `151-∞`. */
export function tierRange(caps: readonly number[], index: number): string {
  const from = index === 0 ? 1 : caps[index - 1]! + 1;
  return index === caps.length - 1 ? `${from}-∞` : `${from}-${caps[index]!}`;
}
