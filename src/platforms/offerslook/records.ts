// Offerslook records in their entity-view shape: what the client returns from reads and what
// mappings read and write. Field names and allowed values are the platform's own (seeds 000 and
// 002, the contract section 2). Amounts are decimal strings; `"-1"` means "not set". Every answer
// variant reads into one canonical record: statuses in lower case whatever the answer's case,
// times as unix seconds (a `null` time leaves the field out), geo as `{type, countries}`.
import { z } from 'zod';
import { caselessEnum, wireDecimal, wireId, wireInt, wireText } from '../wire-values.js';
import { wireTierTime, wireTimestamp } from './wire/timestamps.js';

export const OFFERSLOOK_REVENUE_TYPES = [
  'RPC',
  'RPI',
  'RPA',
  'RPL',
  'RPS',
  'RPM',
  'RPA+RPS',
] as const;
export const OFFERSLOOK_PAYOUT_TYPES = [
  'CPC',
  'CPI',
  'CPA',
  'CPL',
  'CPM',
  'CPS',
  'CPA+CPS',
] as const;
export const OFFERSLOOK_OFFER_STATUSES = ['active', 'paused', 'pending', 'deleted'] as const;
export const OFFERSLOOK_EVENT_STATUSES = ['active', 'paused'] as const;
/** 1 image pixel, 2 postback URL (default), 3 iframe pixel. */
export const OFFERSLOOK_CONVERSION_PROTOCOLS = [1, 2, 3] as const;
/** 1 require approval, 2 public, 3 private. */
export const OFFERSLOOK_OFFER_APPROVALS = [1, 2, 3] as const;
/** The base event: it always carries the offer's own pricing. */
export const BASE_EVENT_ID = '1';

const flag01 = wireInt.pipe(z.union([z.literal(0), z.literal(1)]));

export const offerslookTierSchema = z.looseObject({
  tier_id: wireId.optional(),
  offer_id: wireId.optional(),
  event_id: wireId.optional(),
  tier_payout: wireDecimal.optional(),
  tier_percent_payout: wireDecimal.optional(),
});

export const offerslookOfferEventSchema = z.looseObject({
  id: wireId,
  /** Added by the client when the platform leaves it out: the offer this event belongs to. */
  offer_id: wireId.optional(),
  name: z.string(),
  revenue_type: z.enum(OFFERSLOOK_REVENUE_TYPES).optional(),
  revenue: wireDecimal.optional(),
  percent_revenue: wireDecimal.optional(),
  payout_type: z.enum(OFFERSLOOK_PAYOUT_TYPES).optional(),
  payout: wireDecimal.optional(),
  percent_payout: wireDecimal.optional(),
  status: caselessEnum(OFFERSLOOK_EVENT_STATUSES).optional(),
  is_private: flag01.optional(),
  /** The seed's request says `approve_conversions`, its response `approve_conversion`: both are read. */
  approve_conversions: flag01.optional(),
  approve_conversion: flag01.optional(),
  is_allowed_multiple: flag01.optional(),
  is_end_point: flag01.optional(),
  conversion_protocol: wireInt.pipe(z.union([z.literal(1), z.literal(2), z.literal(3)])).optional(),
  offer_payout_tier: z.array(offerslookTierSchema).optional(),
  create_time: wireTimestamp.optional(),
  update_time: wireTimestamp.optional(),
});

/**
 * The view of `offer_geo`: `{ type: 1 include | 2 exclude, countries: [ISO2] }`, folded from the
 * platform's target list (wire/geo.ts). A list that does not fold also keeps `target` (the
 * targets as read) and `unfolded` (why): the offer route declares them lossy, so a record that
 * carries them is reported, never copied over half-read.
 */
export const offerslookOfferGeoSchema = z.looseObject({
  type: wireInt.pipe(z.union([z.literal(1), z.literal(2)])).optional(),
  countries: z.array(z.string()).optional(),
  target: z.array(z.looseObject({})).optional(),
  unfolded: z.string().optional(),
});

export const offerslookOfferSchema = z.looseObject({
  id: wireId,
  name: z.string(),
  advertiser_id: wireId.optional(),
  status: caselessEnum(OFFERSLOOK_OFFER_STATUSES).optional(),
  offer_approval: wireInt.pipe(z.union([z.literal(1), z.literal(2), z.literal(3)])).optional(),
  revenue_type: z.enum(OFFERSLOOK_REVENUE_TYPES).optional(),
  revenue: wireDecimal.optional(),
  percent_revenue: wireDecimal.optional(),
  payout_type: z.enum(OFFERSLOOK_PAYOUT_TYPES).optional(),
  payout: wireDecimal.optional(),
  percent_payout: wireDecimal.optional(),
  preview_url: z.string().optional(),
  destination_url: z.string().optional(),
  description: z.string().optional(),
  currency: z.string().optional(),
  /**
   * "Advertiser's Offer ID", free text: the source offer's id on a twin (OfferSync stores it there
   * on POST and PUT), a marker that finds the twin after a crash. Searchable (search-filters.ts).
   */
  advertiser_offer_id: wireText.optional(),
  /** Unix seconds. */
  start_date: wireTimestamp.optional(),
  end_date: wireTimestamp.optional(),
  create_time: wireTimestamp.optional(),
  update_time: wireTimestamp.optional(),
  offer_geo: offerslookOfferGeoSchema.optional(),
  /** The base event's settings that have no place on the offer itself (added by the client). */
  base_event: offerslookOfferEventSchema.partial().optional(),
});

export const offerslookTierItemSchema = z.looseObject({
  volume_caps: wireInt.optional(),
  payout: wireDecimal.optional(),
  percent_payout: wireDecimal.optional(),
  sort: wireInt.optional(),
  range: z.string().optional(),
});

export const offerslookAffiliateTierSchema = z.looseObject({
  offer_id: wireId.optional(),
  affiliate_id: wireId.optional(),
  user_id: wireId.optional(),
  /** 0 custom (effective/expiration dates apply), 1 daily, 2 weekly, 3 monthly. */
  time_interval_type: wireInt.optional(),
  /** Requests send `YYYY-MM-DD` (kept as text); answers a time (read as unix seconds). */
  effective_time: wireTierTime.optional(),
  expiration_time: wireTierTime.optional(),
  create_time: wireTimestamp.optional(),
  tier_item: z.array(offerslookTierItemSchema).optional(),
});

/** An affiliate payout: the `affiliate_payout` fields, with its tier (if any) under `affiliate_tier`. */
export const offerslookAffiliatePayoutSchema = z.looseObject({
  id: wireId,
  offer_id: wireId,
  affiliate_id: wireId,
  event_id: wireId.optional(),
  current_payout: wireDecimal.optional(),
  percent_payout: wireDecimal.optional(),
  create_time: wireTimestamp.optional(),
  affiliate_tier: offerslookAffiliateTierSchema.optional(),
});

export const offerslookAffiliateSchema = z.looseObject({
  id: wireId,
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  email: z.string().optional(),
  company: z.string().optional(),
  status: z
    .string()
    .transform((status) => status.trim().toLowerCase())
    .optional(),
});

export type OfferslookOffer = z.output<typeof offerslookOfferSchema>;
export type OfferslookOfferEvent = z.output<typeof offerslookOfferEventSchema>;
export type OfferslookAffiliatePayout = z.output<typeof offerslookAffiliatePayoutSchema>;
export type OfferslookAffiliate = z.output<typeof offerslookAffiliateSchema>;
