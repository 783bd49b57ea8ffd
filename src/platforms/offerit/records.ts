// Offerit / NATS for Networks records in their entity-view shape: what the client returns from
// reads and what mappings read and write. Field names are the platform's own (seeds 001, 003,
// 004 and the contract); every value the platform sends as a number or string is read as text.
import { z } from 'zod';
import { wireDecimal, wireId, wireText } from '../wire-values.js';

export const OFFERIT_COMMISSION_TYPES = ['cpa', 'cps', 'click', 'hybrid'] as const;
export const OFFERIT_ADVERTISER_COST_TYPES = [
  'conversion',
  'dynamic_conversion',
  'sale',
  'click',
  'unique',
] as const;
export const OFFERIT_CONVERSION_TYPES = ['image', 'post', 'iframe'] as const;
export const OFFERIT_GOAL_COMMISSION_TYPES = ['flat', 'percentage'] as const;
export const OFFERIT_GOAL_REVENUE_TYPES = ['dynamic_conversion', 'conversion', 'sale'] as const;
export const OFFERIT_CHANGE_TYPES = ['standard', 'disable', 'temporary'] as const;

/** A commission type is a name or, as seed 001 sends (`201`), a numeric type id. */
const commissionType = z.union([z.enum(OFFERIT_COMMISSION_TYPES), z.string().regex(/^\d+$/)]);
/** Empty string means "not set" on Offerit (dates, amounts, enums alike). */
const orEmpty = <T extends z.ZodType>(schema: T) => z.union([z.literal(''), schema]);

/**
 * A country list: `["GB","DE"]`, `"GB,DE"`, or `["GB,DE"]` (seed 003) all read as `["GB","DE"]`;
 * so does a map keyed by numeric code (`{"826":"GB"}`), the way get_commission_changes sends them.
 */
export const offeritCountryList = z
  .union([z.array(z.string()), z.string(), z.record(z.string(), z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : typeof value === 'string' ? [value] : Object.values(value))
      .flatMap((item) => item.split(','))
      .map((item) => item.trim().toUpperCase())
      .filter((item) => item !== ''),
  );

export const offeritGoalSchema = z.looseObject({
  offer_goal_id: wireId,
  goal_id: wireId,
  name: z.string(),
  commission_type: orEmpty(z.enum(OFFERIT_GOAL_COMMISSION_TYPES)).optional(),
  amount: wireDecimal.optional(),
  revenue_type: orEmpty(z.enum(OFFERIT_GOAL_REVENUE_TYPES)).optional(),
  revenue_amount: wireDecimal.optional(),
  /** Added by the client: the offer this goal belongs to. */
  offerid: wireId.optional(),
});

export const offeritOfferSchema = z.looseObject({
  offerid: wireId,
  name: z.string(),
  offer_description: z.string().optional(),
  hidden: wireText.optional(),
  active: wireText.optional(),
  featured: wireText.optional(),
  date_added: wireText.optional(),
  /** `YYYY-MM-DD HH:MM:SS`, unix seconds as text, `"Never"` or empty. */
  date_live: wireText.optional(),
  date_expire: wireText.optional(),
  commission_type: orEmpty(commissionType).optional(),
  flat_amount_per_click: wireDecimal.optional(),
  flat_amount_per_visitor: wireDecimal.optional(),
  flat_amount_per_conversion: wireDecimal.optional(),
  flat_amount_per_continuity: wireDecimal.optional(),
  percentage_of_customer_conversion: wireDecimal.optional(),
  percentage_of_customer_continuity: wireDecimal.optional(),
  advertiserid: wireText.optional(),
  advertiser_cost_type: orEmpty(z.enum(OFFERIT_ADVERTISER_COST_TYPES)).optional(),
  advertiser_cost_flat: wireDecimal.optional(),
  advertiser_cost_perc: wireDecimal.optional(),
  pending_approval_lockout: wireText.optional(),
  conversion_type: orEmpty(z.enum(OFFERIT_CONVERSION_TYPES)).optional(),
  authorized: offeritCountryList.optional(),
  unauthorized: offeritCountryList.optional(),
  url: z.string().optional(),
  preview_url: z.string().optional(),
  goals: z.array(offeritGoalSchema).optional(),
  landing_pages: z.unknown().optional(),
});

export const offeritCommissionPayoutFields = [
  'flat_amount_per_click',
  'flat_amount_per_visitor',
  'flat_amount_per_conversion',
  'flat_amount_per_continuity',
  'percentage_of_customer_conversion',
  'percentage_of_customer_continuity',
] as const;

/**
 * A commission change, normalised from `get_commission_changes`' human-readable keys
 * ("Change Id", "Flat Conversion Payout", ...) to the parameter names of add_commission_change.
 * A payout the row leaves out is absent here: "not set", never 0.
 */
export const offeritCommissionChangeSchema = z.looseObject({
  offerid: wireId,
  changeid: wireId,
  /** `0` for the offer's own commissions; otherwise the offer_goal_id. */
  goalid: wireId,
  type: z.enum(OFFERIT_CHANGE_TYPES),
  /** `YYYY-MM-DD HH:MM:SS` or empty for "Never". */
  start_time: z.string(),
  end_time: z.string(),
  /** Empty when the change applies to all countries. */
  countries: z.array(z.string()),
  /** The affiliates this change is restricted to: loginid → username. */
  affiliates: z.record(z.string(), z.string()),
  loginid: wireId.optional(),
  subaff: z.string().optional(),
  subaff2: z.string().optional(),
  subaff3: z.string().optional(),
  subaff4: z.string().optional(),
  subaff5: z.string().optional(),
  flat_amount_per_click: wireDecimal.optional(),
  flat_amount_per_visitor: wireDecimal.optional(),
  flat_amount_per_conversion: wireDecimal.optional(),
  flat_amount_per_continuity: wireDecimal.optional(),
  percentage_of_customer_conversion: wireDecimal.optional(),
  percentage_of_customer_continuity: wireDecimal.optional(),
  /**
   * "CPM Payout" (v2 sample). add_commission_change has no parameter for it, so it is read-only
   * here, and it has no Offerslook twin.
   */
  cpm_payout: wireDecimal.optional(),
  /** Goal rows: "Pay Affiliate Managers" / "Pay Referring Affiliates" (JSON booleans) as 1/0. */
  aff_manager_payout: wireText.optional(),
  aff_referral_payout: wireText.optional(),
});

/** An affiliate from `affiliate/search`. Carries password hashes and API keys: never log it. */
export const offeritAffiliateSchema = z.looseObject({
  loginid: wireId,
  username: z.string(),
  email: z.string().optional(),
});

export type OfferitOffer = z.output<typeof offeritOfferSchema>;
export type OfferitGoal = z.output<typeof offeritGoalSchema>;
export type OfferitCommissionChange = z.output<typeof offeritCommissionChangeSchema>;
export type OfferitAffiliate = z.output<typeof offeritAffiliateSchema>;
