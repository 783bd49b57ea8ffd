// Offers: `GET /v1/offers[/{id}]`, `POST /v1/offers`, `PUT /v1/offers/{id}` (contract section 2).
// POST and PUT answer the offer as it now is: that answer is the read-back.
import { z } from 'zod';
import { offerslookOfferSchema } from '../records.js';
import { offerGeoRequestSchema, offerGeoWireSchema } from './geo.js';
import {
  offerApproval,
  offerStatus,
  payoutType,
  revenueType,
  wireAmount,
  wirePositiveId,
  wireUnixSeconds,
} from './values.js';

/** An offer as the platform answers it (also a flat list row, where `offer_geo` may ride along). */
export const offerWireSchema = offerslookOfferSchema.omit({ base_event: true }).extend({
  offer_geo: offerGeoWireSchema.optional(),
});
export type OfferslookOfferWire = z.output<typeof offerWireSchema>;

/** `data` of GET one, POST and PUT: `{offer, offer_geo?}`. */
export const offerDataSchema = z.looseObject({
  offer: offerWireSchema,
  offer_geo: offerGeoWireSchema.optional(),
});
export type OfferslookOfferData = z.output<typeof offerDataSchema>;

// ---- requests -------------------------------------------------------------------------------

const offerFields = {
  name: z.string(),
  advertiser_id: wirePositiveId,
  status: offerStatus,
  offer_approval: offerApproval,
  revenue_type: revenueType,
  revenue: wireAmount,
  percent_revenue: wireAmount,
  payout_type: payoutType,
  payout: wireAmount,
  percent_payout: wireAmount,
  preview_url: z.string(),
  destination_url: z.string(),
  description: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 code such as USD' }),
  start_date: wireUnixSeconds,
  end_date: wireUnixSeconds,
  /** Free text on the platform; the source offer's id (`"400"`) when offer-sync writes it. */
  advertiser_offer_id: z.union([z.string(), z.number().int()]).transform(String),
};

/** The writable offer fields, in the order the contract lists them. */
export const OFFER_WRITABLE_FIELDS = Object.keys(offerFields) as (keyof typeof offerFields)[];

/**
 * `POST /v1/offers`. Required: name, advertiser_id, offer_approval, revenue_type (documented) and
 * payout_type (ASSUMED); status defaults to pending.
 */
export const createOfferBodySchema = z.strictObject({
  offer: z.strictObject({
    ...offerFields,
    name: z.string().trim().min(1, { error: 'name is required' }),
    status: offerStatus.optional(),
    revenue: wireAmount.optional(),
    percent_revenue: wireAmount.optional(),
    payout: wireAmount.optional(),
    percent_payout: wireAmount.optional(),
    preview_url: z.string().optional(),
    destination_url: z.string().optional(),
    description: z.string().optional(),
    currency: offerFields.currency.optional(),
    start_date: wireUnixSeconds.optional(),
    end_date: wireUnixSeconds.optional(),
    advertiser_offer_id: offerFields.advertiser_offer_id.optional(),
  }),
  offer_geo: offerGeoRequestSchema.optional(),
});
export type OfferslookCreateOfferBody = z.input<typeof createOfferBodySchema>;

/**
 * `PUT /v1/offers/{id}`: a partial update. An empty string is accepted by the schema so that the
 * platform's own rule (a non-empty field may not be set to empty) can answer it by name.
 * `offer_geo` alongside is ASSUMED, as on POST. Real clients also send `offer_platform` and
 * `offer_cap` beside `offer` (v2): accepted, and left alone here (offer-sync sends neither).
 */
export const updateOfferBodySchema = z.strictObject({
  offer: z
    .strictObject({
      ...offerFields,
      advertiser_id: z.union([z.literal(''), wirePositiveId]),
    })
    .partial()
    .optional(),
  offer_geo: offerGeoRequestSchema.optional(),
  offer_platform: z.unknown().optional(),
  offer_cap: z.unknown().optional(),
});
export type OfferslookUpdateOfferBody = z.input<typeof updateOfferBodySchema>;
