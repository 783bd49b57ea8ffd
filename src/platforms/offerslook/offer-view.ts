// The offer's entity view: the offer record, its `offer_geo`, and `base_event` holding the
// settings of event 1 that have no place on the offer itself. Every read path (`/all`, a batch
// row, a flat row plus the events list) and every write's answer is turned into the view here, so
// the same platform state gives the same view whichever requests fetched it. Pure functions.
import type {
  OfferslookOfferEventWire,
  OfferslookOfferGeo,
  OfferslookOfferWire,
} from './wire/index.js';

/** The `base_event` part of a view: the BASE_EVENT_FIELDS of event 1. */
export type BaseEventView = Record<string, unknown>;

/** Event 1's settings that belong to the offer's view. */
export const BASE_EVENT_FIELDS = [
  'conversion_protocol',
  'approve_conversions',
  'is_private',
  'status',
] as const;
export type BaseEventField = (typeof BASE_EVENT_FIELDS)[number];

/**
 * What a new offer's base event has unless told otherwise (the platform's documented defaults:
 * postback URL, no approval, open, active). Create PATCHes only what differs, and composes the
 * new offer's view from these overlaid with the PATCH's answer: the POST answer has no events.
 */
export const BASE_EVENT_DEFAULTS: Readonly<Record<BaseEventField, string | number>> = {
  conversion_protocol: 2,
  approve_conversions: 0,
  is_private: 0,
  status: 'active',
};

/** Fields the platform sets; never written back. */
export const READ_ONLY_FIELDS = new Set(['id', 'create_time', 'update_time']);

/**
 * The view of an offer: its own fields, its geo (beside the offer, or inside it as flat rows carry
 * it) and its base event's view. Fields read as `undefined` (a `null` time) are left out.
 */
export function offerView(
  offer: OfferslookOfferWire,
  geo: OfferslookOfferGeo | undefined,
  baseEvent: BaseEventView | undefined,
): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(offer))
    if (value !== undefined && field !== 'offer_geo') view[field] = value;
  const offerGeo = geo ?? offer.offer_geo;
  if (offerGeo !== undefined) view.offer_geo = offerGeo;
  if (baseEvent !== undefined) view.base_event = { ...baseEvent };
  return view;
}

/** The base event's view from event 1 as the platform answers it. */
export function baseEventView(event: OfferslookOfferEventWire): BaseEventView {
  const normalized = normalizeEvent(event);
  const view: BaseEventView = {};
  for (const field of BASE_EVENT_FIELDS)
    if (normalized[field] !== undefined) view[field] = normalized[field];
  return view;
}

/** Event 1 among `events`, as a view; `undefined` when it is not there. */
export function baseEventOf(
  events: readonly OfferslookOfferEventWire[] | undefined,
): BaseEventView | undefined {
  const base = events?.find((event) => event.id === '1');
  return base === undefined ? undefined : baseEventView(base);
}

/** Events carry `offer_id` even where the platform leaves it out (lists, nested rows, answers). */
export function withOfferId(
  event: OfferslookOfferEventWire,
  offerId: string,
): OfferslookOfferEventWire {
  return event.offer_id === undefined ? { ...event, offer_id: offerId } : event;
}

/**
 * Seed 000 sends `approve_conversions` and answers `approve_conversion`: views carry the request
 * spelling only, so a record read back compares equal to the record written.
 */
export function normalizeEvent<Event extends Record<string, unknown>>(event: Event): Event {
  if (!('approve_conversion' in event)) return event;
  const { approve_conversion, ...rest } = event;
  return {
    ...rest,
    approve_conversions: rest.approve_conversions ?? approve_conversion,
  } as unknown as Event;
}

/** The base_event fields of `wanted` that differ from a new offer's defaults. */
export function baseEventChangesFromDefaults(
  wanted: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const normalized = normalizeEvent(wanted ?? {});
  const changes: Record<string, unknown> = {};
  for (const field of BASE_EVENT_FIELDS) {
    const value = normalized[field];
    // `"1"` and `1` are one value on the wire.
    if (value !== undefined && scalarText(value) !== String(BASE_EVENT_DEFAULTS[field]))
      changes[field] = value;
  }
  return changes;
}

export interface OfferChanges {
  offer: Record<string, unknown>;
  geo: Record<string, unknown> | undefined;
  baseEvent: Record<string, unknown>;
}

/** Splits an offer view's changed fields into the PUT offer part, the geo and the event-1 PATCH. */
export function splitOfferChanges(changes: Record<string, unknown>): OfferChanges {
  const { offer_geo, base_event, ...rest } = changes;
  const offer: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(rest))
    if (!READ_ONLY_FIELDS.has(field)) offer[field] = value;
  return {
    offer,
    geo:
      offer_geo === undefined || offer_geo === null
        ? undefined
        : (offer_geo as Record<string, unknown>),
    baseEvent: normalizeEvent((base_event as Record<string, unknown> | undefined) ?? {}),
  };
}

function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : JSON.stringify(value);
}
