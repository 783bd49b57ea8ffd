// What the simulated Offerslook keeps per entity: the wire shapes, with ids as numbers, amounts as
// decimal strings (`"-1"` = not set), switches as 0/1 and times as unix seconds.
import type {
  OFFERSLOOK_EVENT_STATUSES,
  OFFERSLOOK_OFFER_STATUSES,
  OFFERSLOOK_PAYOUT_TYPES,
  OFFERSLOOK_REVENUE_TYPES,
} from '../../platforms/offerslook/records.js';

type RevenueType = (typeof OFFERSLOOK_REVENUE_TYPES)[number];
type PayoutType = (typeof OFFERSLOOK_PAYOUT_TYPES)[number];
type Flag = 0 | 1;

export interface Pricing {
  revenue_type: RevenueType;
  revenue: string;
  percent_revenue: string;
  payout_type: PayoutType;
  payout: string;
  percent_payout: string;
}
export const PRICING_FIELDS = [
  'revenue_type',
  'revenue',
  'percent_revenue',
  'payout_type',
  'payout',
  'percent_payout',
] as const satisfies readonly (keyof Pricing)[];

export interface StoredOffer extends Pricing {
  id: number;
  name: string;
  advertiser_id: number;
  status: (typeof OFFERSLOOK_OFFER_STATUSES)[number];
  offer_approval: 1 | 2 | 3;
  preview_url: string;
  destination_url: string;
  description: string;
  currency: string;
  /** "Advertiser's Offer ID", free text; absent until set. */
  advertiser_offer_id?: string;
  start_date?: number;
  end_date?: number;
  create_time: number;
  update_time: number;
}

/** One geo target as the platform keeps it: a country by ISO-2 code, maybe narrowed. */
export interface StoredGeoTarget {
  type: 1 | 2;
  country_code: string;
  region?: string;
  cities?: string | string[];
}

/**
 * An offer's geo. A target list of whole countries of one type is kept as `{type, countries}`;
 * any other list (include and exclude mixed, regions, cities) is kept in `targets` as well.
 */
export interface StoredGeo {
  type: 1 | 2;
  countries: string[];
  targets?: StoredGeoTarget[];
}

export interface StoredEventTier {
  tier_id: number;
  tier_payout: string;
  tier_percent_payout?: string;
}

export interface StoredEvent extends Pricing {
  id: number;
  name: string;
  status: (typeof OFFERSLOOK_EVENT_STATUSES)[number];
  is_private: Flag;
  approve_conversions: Flag;
  is_allowed_multiple: Flag;
  is_end_point: Flag;
  conversion_protocol: 1 | 2 | 3;
  offer_payout_tier: StoredEventTier[];
  create_time: number;
  update_time: number;
}

export interface StoredTierItem {
  volume_caps: number;
  payout: string;
  percent_payout: string;
}

export interface StoredAffiliateTier {
  user_id: number;
  time_interval_type: 0 | 1 | 2 | 3;
  /** Unix seconds. */
  effective_time?: number;
  expiration_time?: number;
  create_time: number;
  tier_item: StoredTierItem[];
}

export interface StoredPayout {
  id: number;
  offer_id: number;
  affiliate_id: number;
  /** Absent for CPC offers. */
  event_id?: number;
  current_payout: string;
  percent_payout: string;
  create_time: number;
  affiliate_tier?: StoredAffiliateTier;
}

export interface StoredAffiliate {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  company: string;
  status: string;
}

export const BASE_EVENT = 1;
export const NOT_SET = '-1';

/** An amount left out, or sent empty, is "not set". */
export function amount(value: string | undefined): string {
  return value === undefined || value === '' ? NOT_SET : value;
}

/** Ids and times a fixture may fix; the API never lets a client choose them. */
export interface Preset {
  id?: number;
  create_time?: number;
  update_time?: number;
}
