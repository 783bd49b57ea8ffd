// Value types the Offerslook API takes in requests. Responses are read with the tolerant readers
// of `../../wire-values.ts`; requests are checked here as strictly as the platform checks them.
import { z } from 'zod';
import { wireDecimal, wireInt } from '../../wire-values.js';
import {
  OFFERSLOOK_CONVERSION_PROTOCOLS,
  OFFERSLOOK_EVENT_STATUSES,
  OFFERSLOOK_OFFER_APPROVALS,
  OFFERSLOOK_OFFER_STATUSES,
  OFFERSLOOK_PAYOUT_TYPES,
  OFFERSLOOK_REVENUE_TYPES,
} from '../records.js';

/** `"-1"` in an amount field means "not set". */
export const NOT_SET = '-1';

/** An id the platform expects as a positive integer (`7` or `"7"`). */
export const wirePositiveId = wireInt.pipe(
  z.number().int().positive({ error: 'expected a positive id' }),
);

/** An amount: a decimal string (`"2.8"`, `"-1"`), or a JSON number read as its exact decimal text. */
export const wireAmount = wireDecimal;

/** A 0/1 switch (`0`, `"1"`). */
export const wireFlag = wireInt.pipe(
  z.union([z.literal(0), z.literal(1)], { error: 'expected 0 or 1' }),
);

/** Unix seconds. */
export const wireUnixSeconds = wireInt.pipe(
  z.number().int().nonnegative({ error: 'expected unix seconds' }),
);

const oneOf = <const T extends readonly number[]>(values: T) =>
  wireInt.pipe(z.literal(values, { error: `expected one of ${values.join(', ')}` }));

export const revenueType = z.enum(OFFERSLOOK_REVENUE_TYPES);
export const payoutType = z.enum(OFFERSLOOK_PAYOUT_TYPES);
export const offerStatus = z.enum(OFFERSLOOK_OFFER_STATUSES);
export const eventStatus = z.enum(OFFERSLOOK_EVENT_STATUSES);
/** 1 image pixel, 2 postback URL (default), 3 iframe pixel. */
export const conversionProtocol = oneOf(OFFERSLOOK_CONVERSION_PROTOCOLS);
/** 1 require approval, 2 public, 3 private. */
export const offerApproval = oneOf(OFFERSLOOK_OFFER_APPROVALS);
/** 0 custom (the tier's dates apply), 1 daily, 2 weekly, 3 monthly. */
export const TIME_INTERVAL_TYPES = [0, 1, 2, 3] as const;
export const timeIntervalType = oneOf(TIME_INTERVAL_TYPES);

/** An affiliate tier date in a request: `YYYY-MM-DD`, a real calendar day. */
export const tierDate = z
  .string()
  .refine(isCalendarDate, { error: 'expected a date as YYYY-MM-DD' });

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
