// Affiliate payouts and their rules (seed 002): CPC offers take no event_id and no volume tiers;
// volume tiers only with event_id=1 and only for CPA, CPS and CPA+CPS; private events take no
// custom affiliate payouts. One payout per affiliate and offer event, so a retried create that
// already landed is refused instead of doubled.
import type { z } from 'zod';
import type {
  createAffiliatePayoutBodySchema,
  updateAffiliatePayoutQuerySchema,
} from '../../../platforms/offerslook/wire/index.js';
import { invalid } from '../http-error.js';
import {
  BASE_EVENT,
  amount,
  type Preset,
  type StoredAffiliateTier,
  type StoredPayout,
} from '../model.js';
import type { OfferslookStore } from '../store.js';
import { endOfDay, startOfDay } from '../tier-dates.js';

export type CreatePayoutInput = z.output<typeof createAffiliatePayoutBodySchema>;
export type UpdatePayoutInput = z.output<typeof updateAffiliatePayoutQuerySchema>;

/** Pricing types whose payouts may have volume tiers. */
const TIERED_PAYOUT_TYPES = new Set(['CPA', 'CPS', 'CPA+CPS']);

/** Fixtures may give tier dates as unix seconds (as a snapshot holds them). */
export interface PayoutPreset extends Preset {
  tierTimes?: { effective_time?: number; expiration_time?: number; create_time?: number };
}

export function createPayout(
  store: OfferslookStore,
  input: CreatePayoutInput,
  preset: PayoutPreset = {},
): StoredPayout {
  const fields = input.affiliate_payout;
  const offer = store.offers.get(fields.offer_id);
  if (!offer) throw invalid('affiliate_payout.offer_id', `no offer ${fields.offer_id}`);
  if (!store.affiliates.has(fields.affiliate_id)) {
    throw invalid('affiliate_payout.affiliate_id', `no affiliate ${fields.affiliate_id}`);
  }
  const tiers = input.affiliate_tier?.tier_item ?? [];
  const isCpc = offer.payout_type === 'CPC';
  if (isCpc && fields.event_id !== undefined) {
    throw invalid('affiliate_payout.event_id', 'not available when the offer pricing type is CPC');
  }
  const eventId = isCpc ? undefined : (fields.event_id ?? BASE_EVENT);
  if (eventId !== undefined) {
    const event = store.events.get(offer.id)?.get(eventId);
    if (!event)
      throw invalid('affiliate_payout.event_id', `offer ${offer.id} has no event ${eventId}`);
    if (event.is_private === 1) {
      throw invalid(
        'affiliate_payout.event_id',
        `event ${eventId} is private: custom affiliate payouts cannot be set`,
      );
    }
  }
  if (tiers.length > 0) {
    if (!TIERED_PAYOUT_TYPES.has(offer.payout_type)) {
      throw invalid(
        'affiliate_tier.tier_item',
        `volume tiers are not available for ${offer.payout_type} offers`,
      );
    }
    if (eventId !== BASE_EVENT) {
      throw invalid('affiliate_tier.tier_item', 'volume tiers are only available with event_id=1');
    }
    tiers.forEach((tier, index) => {
      const previous = tiers[index - 1];
      if (previous && tier.volume_caps <= previous.volume_caps) {
        throw invalid(
          `affiliate_tier.tier_item.${index}.volume_caps`,
          'must be above the previous tier',
        );
      }
    });
  }
  const duplicate = [...store.payouts.values()].find(
    (other) =>
      other.offer_id === offer.id &&
      other.affiliate_id === fields.affiliate_id &&
      other.event_id === eventId,
  );
  if (duplicate) {
    throw invalid(
      'affiliate_payout.affiliate_id',
      `already has payout ${duplicate.id} for this offer event`,
    );
  }
  const now = store.seconds();
  const payout: StoredPayout = {
    id: store.payoutId(preset.id),
    offer_id: offer.id,
    affiliate_id: fields.affiliate_id,
    current_payout: amount(fields.current_payout),
    percent_payout: amount(fields.percent_payout),
    create_time: preset.create_time ?? now,
  };
  if (eventId !== undefined) payout.event_id = eventId;
  if (input.affiliate_tier)
    payout.affiliate_tier = tierOf(store, input.affiliate_tier, payout.create_time, preset);
  store.payouts.set(payout.id, payout);
  return payout;
}

export function updatePayout(
  store: OfferslookStore,
  id: number,
  input: UpdatePayoutInput,
): StoredPayout {
  const payout = store.payout(id);
  const next = { ...payout };
  if (input.current_payout !== undefined) next.current_payout = amount(input.current_payout);
  if (input.percent_payout !== undefined) next.percent_payout = amount(input.percent_payout);
  store.payouts.set(id, next);
  return next;
}

/** Deletes the payout and hands back what it was (a v2 DELETE answers it). */
export function deletePayout(store: OfferslookStore, id: number): StoredPayout {
  const payout = store.payout(id);
  store.payouts.delete(id);
  return payout;
}

function tierOf(
  store: OfferslookStore,
  tier: NonNullable<CreatePayoutInput['affiliate_tier']>,
  createTime: number,
  preset: PayoutPreset,
): StoredAffiliateTier {
  const offset = store.tierUtcOffsetMinutes;
  const effective =
    preset.tierTimes?.effective_time ?? optional(tier.effective_time, (d) => startOfDay(d, offset));
  const expiration =
    preset.tierTimes?.expiration_time ?? optional(tier.expiration_time, (d) => endOfDay(d, offset));
  if (effective !== undefined && expiration !== undefined && expiration < effective) {
    throw invalid('affiliate_tier.expiration_time', 'must not be before effective_time');
  }
  const stored: StoredAffiliateTier = {
    user_id: tier.user_id,
    time_interval_type: tier.time_interval_type,
    create_time: preset.tierTimes?.create_time ?? createTime,
    tier_item: tier.tier_item.map((item) => ({
      volume_caps: item.volume_caps,
      payout: amount(item.payout),
      percent_payout: amount(item.percent_payout),
    })),
  };
  if (effective !== undefined) stored.effective_time = effective;
  if (expiration !== undefined) stored.expiration_time = expiration;
  return stored;
}

function optional<T, R>(value: T | undefined, convert: (value: T) => R): R | undefined {
  return value === undefined ? undefined : convert(value);
}
