// Offer events and the platform's documented rules: event id 1 is the base event and always
// carries the offer's own pricing; `is_private=1` forbids payout and payout tiers; changing the
// pricing type pauses the event and clears its revenue and payout; and "to change event status
// to active, you will need to reset revenue and payout if previous value is null".
import type { z } from 'zod';
import type {
  createOfferEventBodySchema,
  updateOfferEventBodySchema,
} from '../../../platforms/offerslook/wire/index.js';
import { invalid } from '../http-error.js';
import {
  BASE_EVENT,
  NOT_SET,
  PRICING_FIELDS,
  amount,
  type Preset,
  type StoredEvent,
  type StoredOffer,
} from '../model.js';
import type { OfferslookStore } from '../store.js';

export type CreateEventInput = z.output<typeof createOfferEventBodySchema>;
export type UpdateEventInput = z.output<typeof updateOfferEventBodySchema>;

const PAYOUT_AMOUNTS = ['payout', 'percent_payout'] as const;
const AMOUNT_FIELDS = new Set<string>(['revenue', 'percent_revenue', 'payout', 'percent_payout']);

/** Every offer gets event 1 when it is created, carrying its pricing. */
export function createBaseEvent(store: OfferslookStore, offer: StoredOffer): StoredEvent {
  const event: StoredEvent = {
    id: BASE_EVENT,
    name: 'Default',
    ...pricingOf(offer),
    status: 'active',
    is_private: 0,
    approve_conversions: 0,
    is_allowed_multiple: 0,
    is_end_point: 0,
    conversion_protocol: 2,
    offer_payout_tier: [],
    create_time: offer.create_time,
    update_time: offer.create_time,
  };
  store.eventsOf(offer.id).set(BASE_EVENT, event);
  return event;
}

/** After an offer's pricing changed (PUT): event 1 follows, as is. */
export function mirrorPricingToBaseEvent(store: OfferslookStore, offer: StoredOffer): void {
  const base = store.eventsOf(offer.id).get(BASE_EVENT);
  if (base)
    store
      .eventsOf(offer.id)
      .set(BASE_EVENT, { ...base, ...pricingOf(offer), update_time: store.seconds() });
}

export function createEvent(
  store: OfferslookStore,
  offerId: number,
  input: CreateEventInput,
  preset: Preset = {},
): StoredEvent {
  const offer = store.offer(offerId);
  const events = store.eventsOf(offerId);
  // A fixture may describe the base event: it then amends the one the offer already has.
  if (preset.id === BASE_EVENT) {
    const base = applyToEvent(store, offerId, BASE_EVENT, input, false);
    if (preset.create_time !== undefined) base.create_time = preset.create_time;
    base.update_time = preset.update_time ?? preset.create_time ?? base.update_time;
    return base;
  }
  if (preset.id !== undefined && events.has(preset.id)) {
    throw invalid('id', `event ${preset.id} already exists on offer ${offerId}`);
  }
  const now = store.seconds();
  const event: StoredEvent = {
    id: 0,
    name: input.name,
    revenue_type: input.revenue_type ?? offer.revenue_type,
    revenue: amount(input.revenue),
    percent_revenue: amount(input.percent_revenue),
    payout_type: input.payout_type ?? offer.payout_type,
    payout: amount(input.payout),
    percent_payout: amount(input.percent_payout),
    status: input.status ?? 'active',
    is_private: input.is_private ?? 0,
    approve_conversions: input.approve_conversions ?? 0,
    is_allowed_multiple: input.is_allowed_multiple ?? 0,
    is_end_point: input.is_end_point ?? 0,
    conversion_protocol: input.conversion_protocol ?? 2,
    offer_payout_tier: (input.offer_payout_tier ?? []).map((tier) => ({ ...tier })),
    create_time: preset.create_time ?? now,
    update_time: preset.update_time ?? preset.create_time ?? now,
  };
  checkPrivacy(event, input, false);
  event.id = store.eventId(preset.id);
  events.set(event.id, event);
  return event;
}

export function updateEvent(
  store: OfferslookStore,
  offerId: number,
  eventId: number,
  input: UpdateEventInput,
): StoredEvent {
  return applyToEvent(store, offerId, eventId, input, true);
}

/**
 * Applies `input` to an event. With `pricingRule`, a new pricing type pauses the event and
 * clears the four amounts; values sent in the same request are then applied (they win).
 */
function applyToEvent(
  store: OfferslookStore,
  offerId: number,
  eventId: number,
  input: UpdateEventInput,
  pricingRule: boolean,
): StoredEvent {
  const event = store.event(offerId, eventId);
  const next: StoredEvent = { ...event, offer_payout_tier: [...event.offer_payout_tier] };
  const typeChanged =
    (input.revenue_type !== undefined && input.revenue_type !== event.revenue_type) ||
    (input.payout_type !== undefined && input.payout_type !== event.payout_type);
  if (pricingRule && typeChanged) {
    next.status = 'paused';
    next.revenue = next.percent_revenue = next.payout = next.percent_payout = NOT_SET;
  }
  const target = next as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (field === 'offer_payout_tier')
      next.offer_payout_tier = (value as StoredEvent['offer_payout_tier']).map((t) => ({ ...t }));
    else target[field] = AMOUNT_FIELDS.has(field) ? amount(value as string) : value;
  }
  checkPrivacy(next, input, eventId === BASE_EVENT);
  if (pricingRule && event.status === 'paused' && next.status === 'active' && !hasPricing(next)) {
    // ASSUMED how the server answers an activation the rule forbids: silently, with success and
    // the event still paused (the page says only that the amounts are needed). A client that
    // does not check the answer against its request never learns it was ignored.
    next.status = 'paused';
  }
  next.update_time = store.seconds();
  store.eventsOf(offerId).set(eventId, next);
  if (eventId === BASE_EVENT && PRICING_FIELDS.some((field) => next[field] !== event[field])) {
    const offer = store.offer(offerId);
    store.offers.set(offerId, { ...offer, ...pricingOf(next), update_time: next.update_time });
  }
  return next;
}

/**
 * `is_private=1` forbids payout and payout tiers. A request may not set them on a private event;
 * an event other than the base one may not become private while it still has them (the base
 * event's payout is the offer's own pricing, which stays).
 */
function checkPrivacy(event: StoredEvent, input: UpdateEventInput, isBase: boolean): void {
  if (event.is_private !== 1) return;
  for (const field of PAYOUT_AMOUNTS) {
    if (input[field] !== undefined && amount(input[field]) !== NOT_SET) {
      throw invalid(field, 'cannot be set on a private event (is_private=1)');
    }
  }
  if (event.offer_payout_tier.length > 0) {
    const field = input.offer_payout_tier?.length ? 'offer_payout_tier' : 'is_private';
    throw invalid(field, 'a private event (is_private=1) cannot have payout tiers');
  }
  if (isBase) return;
  for (const field of PAYOUT_AMOUNTS) {
    if (event[field] !== NOT_SET) {
      throw invalid(
        'is_private',
        `a private event cannot keep a ${field}; send ${field} "-1" to clear it`,
      );
    }
  }
}

/**
 * Whether the event has revenue and payout to activate with: a revenue or percent revenue, and
 * (unless private, which takes none) a payout or percent payout, that is not "not set".
 */
function hasPricing(event: StoredEvent): boolean {
  const set = (...values: string[]) => values.some((value) => value !== NOT_SET);
  return (
    set(event.revenue, event.percent_revenue) &&
    (event.is_private === 1 || set(event.payout, event.percent_payout))
  );
}

function pricingOf(
  source: StoredOffer | StoredEvent,
): Pick<StoredEvent, (typeof PRICING_FIELDS)[number]> {
  return {
    revenue_type: source.revenue_type,
    revenue: source.revenue,
    percent_revenue: source.percent_revenue,
    payout_type: source.payout_type,
    payout: source.payout,
    percent_payout: source.percent_payout,
  };
}
