// Offers: `GET /v1/offers[/{id}]`, `POST /v1/offers`, `PUT /v1/offers/{id}` (contract section 2).
import { z } from 'zod';
import { offerslookOfferSchema } from '../records.js';
import { wireInt } from '../../wire-values.js';
import {
  offerApproval,
  offerStatus,
  payoutType,
  revenueType,
  wireAmount,
  wirePositiveId,
  wireUnixSeconds,
} from './values.js';

/** 1 include the countries, 2 exclude them. */
export const OFFER_GEO_TYPES = [1, 2] as const;

/**
 * ASSUMED `offer_geo` (no public page shows it): `{type, countries: [ISO2]}`. Read tolerantly:
 * `target: [{country_code}]` (another shape seen in the wild) and a comma list are folded into
 * `countries`, upper-cased, so every variant reads as the records.ts shape.
 */
export const offerGeoWireSchema = z
  .looseObject({
    type: wireInt.pipe(z.literal(OFFER_GEO_TYPES)).optional(),
    countries: z.union([z.array(z.string()), z.string()]).optional(),
    target: z.array(z.looseObject({ country_code: z.string() })).optional(),
  })
  .transform(({ target, countries, ...rest }) => {
    const listed = typeof countries === 'string' ? countries.split(',') : (countries ?? []);
    const codes = [...listed, ...(target ?? []).map((item) => item.country_code)]
      .map((code) => code.trim().toUpperCase())
      .filter((code) => code !== '');
    const geo: Record<string, unknown> & { type?: 1 | 2; countries?: string[] } = { ...rest };
    if (countries !== undefined || target !== undefined) geo.countries = [...new Set(codes)];
    return geo;
  });
export type OfferslookOfferGeo = z.output<typeof offerGeoWireSchema>;

/** An offer as the platform answers it (also a list row, where `offer_geo` may ride along). */
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

/** The geo targeting a request sends (the ASSUMED shape). */
export const offerGeoRequestSchema = z.strictObject({
  type: wireInt.pipe(z.literal(OFFER_GEO_TYPES, { error: 'expected 1 (include) or 2 (exclude)' })),
  countries: z.array(
    z.string().regex(/^[A-Z]{2}$/, { error: 'expected ISO 3166-1 alpha-2 codes' }),
  ),
});

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
  }),
  offer_geo: offerGeoRequestSchema.optional(),
});
export type OfferslookCreateOfferBody = z.input<typeof createOfferBodySchema>;

/**
 * `PUT /v1/offers/{id}`: a partial update. An empty string is accepted by the schema so that the
 * platform's own rule (a non-empty field may not be set to empty) can answer it by name.
 * `offer_geo` alongside is ASSUMED, as on POST.
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
});
export type OfferslookUpdateOfferBody = z.input<typeof updateOfferBodySchema>;
