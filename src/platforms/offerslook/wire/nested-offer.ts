// Nested rows: `/v1/batches/...` rows, and the answer of `GET /v1/offers/{id}/all`, are keyed by
// resource (`{"offer":{...},"offer_event":[...],"offer_geo":{...}}`) where `/v1/offers` rows are
// flat offers (contract section 2, v2; seen in ucwords/OfferSync). ASSUMED: `offer_event` and
// `offer_geo` have the shapes of the events list and of `offer_geo` elsewhere, and a sub-resource
// left out of `contains` (or one the server does not know) is left out of the row.
import { z } from 'zod';
import { offerEventWireSchema } from './offer-event.js';
import { offerGeoWireSchema } from './geo.js';
import { offerWireSchema } from './offer.js';

/** The sub-resources a batch list is asked to nest: the offer, its events and its geo. */
export const OFFER_BATCH_CONTAINS = ['offer', 'offer_event', 'offer_geo'] as const;

/** At most this many rows per page, and ids per batch PATCH, on `/v1/batches/...`. */
export const BATCH_LIMIT = 100;

export const nestedOfferSchema = z.looseObject({
  offer: offerWireSchema,
  /** Absent when the server ignored `contains` (or, for `/all`, sent no events). */
  offer_event: z
    .array(offerEventWireSchema)
    .nullable()
    .optional()
    .transform((events) => events ?? undefined),
  offer_geo: offerGeoWireSchema
    .nullable()
    .optional()
    .transform((geo) => geo ?? undefined),
});
export type OfferslookNestedOffer = z.output<typeof nestedOfferSchema>;

/** `PATCH /v1/batches/offers/{ids}?status=...`: the statuses a batch may set. */
export const BATCH_OFFER_STATUSES = ['paused', 'active'] as const;
export type BatchOfferStatus = (typeof BATCH_OFFER_STATUSES)[number];

/** The batch PATCH answers a success envelope; its `data` is not documented: anything goes. */
export const batchUpdatedSchema = z.unknown();
