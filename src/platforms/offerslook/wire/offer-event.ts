// Offer events: `GET|POST /v1/offers/{id}/offer_events` (JSON body, seed 000) and
// `PATCH .../offer_events/{event_id}` (query parameters, contract v2). Event id 1 is the offer's
// base event.
import { z } from 'zod';
import { offerslookOfferEventSchema } from '../records.js';
import {
  conversionProtocol,
  eventStatus,
  payoutType,
  revenueType,
  wireAmount,
  wireFlag,
  wirePositiveId,
} from './values.js';

/** An event as the platform answers it (seed 000's response; also a list row). */
export const offerEventWireSchema = offerslookOfferEventSchema;
export type OfferslookOfferEventWire = z.output<typeof offerEventWireSchema>;

/** `data` of POST and PATCH: `{offer_event}`. */
export const offerEventDataSchema = z.looseObject({ offer_event: offerEventWireSchema });

// ---- requests -------------------------------------------------------------------------------

/** A volume tier of the event's payout (seed 000 sends `tier_percent_payout` too). */
export const offerPayoutTierRequestSchema = z.strictObject({
  tier_id: wirePositiveId,
  tier_payout: wireAmount,
  tier_percent_payout: wireAmount.optional(),
});

const eventFields = {
  name: z.string().trim().min(1, { error: 'name is required' }),
  revenue_type: revenueType,
  revenue: wireAmount,
  percent_revenue: wireAmount,
  payout_type: payoutType,
  payout: wireAmount,
  percent_payout: wireAmount,
  status: eventStatus,
  /** 1 private: revenue only; no payout, no payout tiers, no affiliate payouts. */
  is_private: wireFlag,
  approve_conversions: wireFlag,
  is_allowed_multiple: wireFlag,
  is_end_point: wireFlag,
  conversion_protocol: conversionProtocol,
  offer_payout_tier: z.array(offerPayoutTierRequestSchema),
};

export const EVENT_WRITABLE_FIELDS = Object.keys(eventFields) as (keyof typeof eventFields)[];

/** `POST /v1/offers/{offer_id}/offer_events`: seed 000 exactly; only `name` is required. */
export const createOfferEventBodySchema = z
  .strictObject(eventFields)
  .partial()
  .required({ name: true });
export type OfferslookCreateOfferEventBody = z.input<typeof createOfferEventBodySchema>;

/**
 * `PATCH /v1/offers/{offer_id}/offer_events/{event_id}`: the fields are **query parameters**
 * (contract v2: the page lists them under "path parameters", Offerslook's layout for every
 * query-string PATCH; a server may ignore a JSON body here). Documented: `status`, `revenue`,
 * `percent_revenue`, `payout`, `percent_payout`. ASSUMED query parameters too: the base event's
 * switches (`conversion_protocol`, `approve_conversions`, `is_private`), which can only be changed
 * here, and the other scalar fields of the event (`name`, the pricing types, `is_allowed_multiple`,
 * `is_end_point`). Payout tiers are a list and have no query form: they are not sent here.
 */
const { offer_payout_tier: _tiers, ...eventQueryFields } = eventFields;
export const updateOfferEventQuerySchema = z.strictObject(eventQueryFields).partial();
export type OfferslookUpdateOfferEventQuery = z.input<typeof updateOfferEventQuerySchema>;

/** The fields the event PATCH can carry in its query string. */
export const EVENT_QUERY_FIELDS = Object.keys(
  eventQueryFields,
) as (keyof typeof eventQueryFields)[];

/**
 * A JSON body of the same PATCH, as version 1 of the contract described it (and as a v1 sandbox
 * still reads it beside the query).
 */
export const updateOfferEventBodySchema = z
  .strictObject(eventFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { error: 'no fields to update' });
export type OfferslookUpdateOfferEventBody = z.input<typeof updateOfferEventBodySchema>;
