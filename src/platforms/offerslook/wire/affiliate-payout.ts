// Affiliate payouts: `GET|POST /v1/affiliate_payouts`, `PATCH|DELETE /v1/affiliate_payouts/{id}`
// (seed 002 and the contract).
import { z } from 'zod';
import { offerslookAffiliatePayoutSchema, offerslookAffiliateTierSchema } from '../records.js';
import { tierDate, timeIntervalType, wireAmount, wirePositiveId } from './values.js';
import { wireInt } from '../../wire-values.js';

/** A payout as the platform answers it: the `affiliate_payout` fields, its tier (if any) nested. */
export const affiliatePayoutWireSchema = offerslookAffiliatePayoutSchema;
export type OfferslookAffiliatePayoutWire = z.output<typeof affiliatePayoutWireSchema>;

/** `data` of POST (seed 002): the payout and its tier side by side, read as one flat record. */
export const affiliatePayoutCreatedSchema = z
  .looseObject({
    affiliate_payout: affiliatePayoutWireSchema,
    affiliate_tier: offerslookAffiliateTierSchema.optional(),
  })
  .transform(({ affiliate_payout, affiliate_tier }) => joinTier(affiliate_payout, affiliate_tier));

/**
 * A list row. ASSUMED: flat payout fields with `affiliate_tier` nested; the POST answer's
 * side-by-side shape is read too.
 */
export const affiliatePayoutRowSchema = z.union([
  affiliatePayoutCreatedSchema,
  affiliatePayoutWireSchema,
]);

/** `data` of PATCH: `{affiliate_payout}`. */
export const affiliatePayoutDataSchema = z.looseObject({
  affiliate_payout: affiliatePayoutWireSchema,
});

/**
 * `data` of DELETE: the deleted record(s), `{"affiliate_payout":{...}}` (contract v2, as the one
 * captured Network-API DELETE answers); v1 assumed `{}`. Nothing in it is needed: anything goes.
 */
export const affiliatePayoutDeletedSchema = z.unknown();

function joinTier(
  payout: OfferslookAffiliatePayoutWire,
  tier: z.output<typeof offerslookAffiliateTierSchema> | undefined,
): OfferslookAffiliatePayoutWire {
  const joined = tier ?? payout.affiliate_tier;
  return joined === undefined ? payout : { ...payout, affiliate_tier: joined };
}

// ---- requests -------------------------------------------------------------------------------

/** A volume tier: seed 002 sends `volume_caps` as text and number, `payout` as number and text. */
export const tierItemRequestSchema = z.strictObject({
  volume_caps: wireInt.pipe(z.number().int().positive({ error: 'expected a positive volume cap' })),
  payout: wireAmount.optional(),
  percent_payout: wireAmount.optional(),
});

export const affiliateTierRequestSchema = z.strictObject({
  user_id: wirePositiveId,
  time_interval_type: timeIntervalType,
  /** `YYYY-MM-DD`; used when time_interval_type is 0 (custom). */
  effective_time: tierDate.optional(),
  expiration_time: tierDate.optional(),
  tier_item: z.array(tierItemRequestSchema),
});

/** `POST /v1/affiliate_payouts`: seed 002 exactly. */
export const createAffiliatePayoutBodySchema = z.strictObject({
  affiliate_payout: z.strictObject({
    offer_id: wirePositiveId,
    affiliate_id: wirePositiveId,
    /** Not for CPC offers. */
    event_id: wirePositiveId.optional(),
    current_payout: wireAmount.optional(),
    percent_payout: wireAmount.optional(),
  }),
  affiliate_tier: affiliateTierRequestSchema.optional(),
});
export type OfferslookCreateAffiliatePayoutBody = z.input<typeof createAffiliatePayoutBodySchema>;

/** `PATCH /v1/affiliate_payouts/{id}?current_payout=89&percent_payout=5`: query parameters, not a body. */
export const updateAffiliatePayoutQuerySchema = z
  .strictObject({
    current_payout: wireAmount.optional(),
    percent_payout: wireAmount.optional(),
  })
  .refine((query) => query.current_payout !== undefined || query.percent_payout !== undefined, {
    error: 'current_payout or percent_payout is required (as query parameters)',
  });
export interface OfferslookUpdateAffiliatePayoutQuery {
  current_payout?: string;
  percent_payout?: string;
}
