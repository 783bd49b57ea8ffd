// Stored entities -> what the platform answers, in the shapes of the seeds' examples (v1's);
// present.ts then applies the answer switches that change offers. Field order follows the seeds.
import type {
  StoredAffiliate,
  StoredAffiliateTier,
  StoredEvent,
  StoredOffer,
  StoredPayout,
} from './model.js';
import { tierRange } from './tier-dates.js';

export function offerOut(offer: StoredOffer): Record<string, unknown> {
  return { ...offer };
}

/** Seed 000's answer: the approval switch comes back as `approve_conversion` (singular). */
export function eventOut(offerId: number, event: StoredEvent): Record<string, unknown> {
  return {
    id: event.id,
    name: event.name,
    revenue_type: event.revenue_type,
    revenue: event.revenue,
    percent_revenue: event.percent_revenue,
    payout_type: event.payout_type,
    payout: event.payout,
    percent_payout: event.percent_payout,
    status: event.status,
    conversion_protocol: event.conversion_protocol,
    is_private: event.is_private,
    approve_conversion: event.approve_conversions,
    is_allowed_multiple: event.is_allowed_multiple,
    is_end_point: event.is_end_point,
    offer_payout_tier: event.offer_payout_tier.map((tier) => ({
      tier_id: tier.tier_id,
      offer_id: offerId,
      event_id: event.id,
      tier_payout: tier.tier_payout,
      ...(tier.tier_percent_payout === undefined
        ? {}
        : { tier_percent_payout: tier.tier_percent_payout }),
    })),
    create_time: event.create_time,
    update_time: event.update_time,
  };
}

/** The `affiliate_payout` object of seed 002's answer (no tier). */
export function payoutOut(payout: StoredPayout): Record<string, unknown> {
  return {
    id: payout.id,
    offer_id: payout.offer_id,
    affiliate_id: payout.affiliate_id,
    ...(payout.event_id === undefined ? {} : { event_id: payout.event_id }),
    current_payout: payout.current_payout,
    percent_payout: payout.percent_payout,
    create_time: payout.create_time,
  };
}

/** The `affiliate_tier` object of seed 002's answer. */
export function tierOut(payout: StoredPayout, tier: StoredAffiliateTier): Record<string, unknown> {
  const caps = tier.tier_item.map((item) => item.volume_caps);
  return {
    offer_id: payout.offer_id,
    affiliate_id: payout.affiliate_id,
    user_id: tier.user_id,
    time_interval_type: tier.time_interval_type,
    ...(tier.effective_time === undefined ? {} : { effective_time: tier.effective_time }),
    ...(tier.expiration_time === undefined ? {} : { expiration_time: tier.expiration_time }),
    create_time: tier.create_time,
    tier_item: tier.tier_item.map((item, index) => ({
      volume_caps: item.volume_caps,
      payout: item.payout,
      percent_payout: item.percent_payout,
      sort: index + 1,
      range: tierRange(caps, index),
    })),
  };
}

/** A list row (ASSUMED): the payout's fields, its tier nested. */
export function payoutRow(payout: StoredPayout): Record<string, unknown> {
  const row = payoutOut(payout);
  if (payout.affiliate_tier) row.affiliate_tier = tierOut(payout, payout.affiliate_tier);
  return row;
}

export function affiliateOut(affiliate: StoredAffiliate): Record<string, unknown> {
  return { ...affiliate };
}
