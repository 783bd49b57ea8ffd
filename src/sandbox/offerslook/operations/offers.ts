// Offers on the simulated platform: create (with its base event), partial update, read, and the
// batch status change. Answers are written in the switches' forms (present.ts).
import type { z } from 'zod';
import type {
  createOfferBodySchema,
  updateOfferBodySchema,
} from '../../../platforms/offerslook/wire/index.js';
import { storedGeoOf } from '../geo.js';
import { invalid } from '../http-error.js';
import { NOT_SET, PRICING_FIELDS, amount, type Preset, type StoredOffer } from '../model.js';
import { presentGeo, presentOffer } from '../present.js';
import { eventOut, offerOut } from '../render.js';
import type { OfferslookStore } from '../store.js';
import type { OfferslookVariants } from '../variants.js';
import { createBaseEvent, mirrorPricingToBaseEvent } from './offer-events.js';

export type CreateOfferInput = z.output<typeof createOfferBodySchema>;
export type UpdateOfferInput = z.output<typeof updateOfferBodySchema>;

export function createOffer(
  store: OfferslookStore,
  input: CreateOfferInput,
  preset: Preset = {},
): StoredOffer {
  const fields = input.offer;
  const now = store.seconds();
  const offer: StoredOffer = {
    id: store.offerId(preset.id),
    name: fields.name,
    advertiser_id: fields.advertiser_id,
    status: fields.status ?? 'pending',
    offer_approval: fields.offer_approval,
    revenue_type: fields.revenue_type,
    revenue: amount(fields.revenue),
    percent_revenue: amount(fields.percent_revenue),
    payout_type: fields.payout_type,
    payout: amount(fields.payout),
    percent_payout: amount(fields.percent_payout),
    preview_url: fields.preview_url ?? '',
    destination_url: fields.destination_url ?? '',
    description: fields.description ?? '',
    currency: fields.currency ?? 'USD',
    create_time: preset.create_time ?? now,
    update_time: preset.update_time ?? preset.create_time ?? now,
  };
  if (fields.advertiser_offer_id !== undefined)
    offer.advertiser_offer_id = fields.advertiser_offer_id;
  if (fields.start_date !== undefined) offer.start_date = fields.start_date;
  if (fields.end_date !== undefined) offer.end_date = fields.end_date;
  // Checked before anything is stored: a bad geo leaves no offer behind.
  const geo = input.offer_geo && storedGeoOf(input.offer_geo);
  store.offers.set(offer.id, offer);
  if (geo) store.geos.set(offer.id, geo);
  createBaseEvent(store, offer);
  return offer;
}

/**
 * A partial update. A field that holds a value may not be set to empty (`""`). `offer_platform`
 * and `offer_cap` beside `offer` (real clients send them) are accepted and ignored.
 */
export function updateOffer(
  store: OfferslookStore,
  id: number,
  input: UpdateOfferInput,
): StoredOffer {
  const offer = store.offer(id);
  const changes = input.offer ?? {};
  if (Object.keys(changes).length === 0 && input.offer_geo === undefined) {
    throw invalid('offer', 'no fields to update');
  }
  for (const [field, value] of Object.entries(changes)) {
    if (value === '' && !isEmpty(offer[field as keyof StoredOffer])) {
      throw invalid(`offer.${field}`, 'may not be set to empty once it has a value');
    }
  }
  const geo = input.offer_geo && storedGeoOf(input.offer_geo);
  const next = { ...offer } as Record<string, unknown>;
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const isAmount =
      (PRICING_FIELDS as readonly string[]).includes(field) && !field.endsWith('_type');
    next[field] = isAmount ? amount(value as string) : value;
  }
  const updated = next as unknown as StoredOffer;
  updated.update_time = store.seconds();
  store.offers.set(id, updated);
  if (geo) store.geos.set(id, geo);
  if (PRICING_FIELDS.some((field) => changes[field] !== undefined))
    mirrorPricingToBaseEvent(store, updated);
  return updated;
}

/** `PATCH /v1/batches/offers/{ids}?status=`: ids that name no offer are skipped. */
export function setOffersStatus(
  store: OfferslookStore,
  ids: readonly number[],
  status: 'paused' | 'active',
): void {
  const now = store.seconds();
  for (const id of ids) {
    const offer = store.offers.get(id);
    if (offer) store.offers.set(id, { ...offer, status, update_time: now });
  }
}

/** `{offer, offer_geo?}`: the answer of GET one, POST and PUT. */
export function offerData(
  store: OfferslookStore,
  id: number,
  variants: Readonly<OfferslookVariants>,
): Record<string, unknown> {
  const geo = presentGeo(store.geos.get(id), variants);
  return {
    offer: presentOffer(offerOut(store.offer(id)), variants),
    ...(geo ? { offer_geo: geo } : {}),
  };
}

/**
 * A flat `/v1/offers` row: the offer's stored fields, for filtering and sorting; `presentOfferRow`
 * writes it out after, with its `offer_geo` nested (ASSUMED, as before).
 */
export function offerRow(offer: StoredOffer): Record<string, unknown> {
  return { ...offerOut(offer) };
}

export function presentOfferRow(
  store: OfferslookStore,
  row: Record<string, unknown>,
  variants: Readonly<OfferslookVariants>,
): Record<string, unknown> {
  const geo = presentGeo(store.geos.get(row.id as number), variants);
  return { ...presentOffer(row, variants), ...(geo ? { offer_geo: geo } : {}) };
}

/**
 * A nested row of `/v1/batches/offers`, and the answer of `GET /v1/offers/{id}/all` (ASSUMED
 * shape): `{offer, offer_event: [...], offer_geo}`, with only the parts `contains` names.
 */
export function nestedOffer(
  store: OfferslookStore,
  id: number,
  contains: ReadonlySet<string>,
  variants: Readonly<OfferslookVariants>,
): Record<string, unknown> {
  const row: Record<string, unknown> = { offer: presentOffer(offerOut(store.offer(id)), variants) };
  if (contains.has('offer_event'))
    row.offer_event = [...store.eventsOf(id).values()].map((event) => eventOut(id, event));
  const geo = presentGeo(store.geos.get(id), variants);
  if (contains.has('offer_geo') && geo) row.offer_geo = geo;
  return row;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === '' || value === NOT_SET;
}
