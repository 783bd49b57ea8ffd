// The offer's entity view: the offer record, its `offer_geo`, and `base_event` holding the
// settings of event 1 that have no place on the offer itself. Pure functions.
import type {
  OfferslookOfferEventWire,
  OfferslookOfferGeo,
  OfferslookOfferWire,
} from './wire/index.js';

/** Event 1's settings that belong to the offer's view. */
export const BASE_EVENT_FIELDS = [
  'conversion_protocol',
  'approve_conversions',
  'is_private',
  'status',
] as const;
export type BaseEventField = (typeof BASE_EVENT_FIELDS)[number];

/** What a new offer's base event has unless told otherwise; create PATCHes only what differs. */
export const BASE_EVENT_DEFAULTS: Readonly<Record<BaseEventField, string | number>> = {
  conversion_protocol: 2,
  approve_conversions: 0,
  is_private: 0,
  status: 'active',
};

/** Fields the platform sets; never written back. */
export const READ_ONLY_FIELDS = new Set(['id', 'create_time', 'update_time']);

export function offerView(
  offer: OfferslookOfferWire,
  geo: OfferslookOfferGeo | undefined,
  baseEvent: OfferslookOfferEventWire | undefined,
): Record<string, unknown> {
  const view: Record<string, unknown> = { ...offer };
  delete view.offer_geo;
  const offerGeo = geo ?? offer.offer_geo;
  if (offerGeo !== undefined) view.offer_geo = offerGeo;
  if (baseEvent !== undefined) view.base_event = baseEventView(baseEvent);
  return view;
}

export function baseEventView(event: OfferslookOfferEventWire): Record<string, unknown> {
  const normalized = normalizeEvent(event);
  const view: Record<string, unknown> = {};
  for (const field of BASE_EVENT_FIELDS)
    if (normalized[field] !== undefined) view[field] = normalized[field];
  return view;
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
