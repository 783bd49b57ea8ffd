// Offers on the simulated platform: create (with its base event), partial update, read.
import type { z } from 'zod';
import type {
  createOfferBodySchema,
  updateOfferBodySchema,
} from '../../../platforms/offerslook/wire/index.js';
import { invalid } from '../http-error.js';
import { NOT_SET, PRICING_FIELDS, amount, type Preset, type StoredOffer } from '../model.js';
import { offerOut } from '../render.js';
import type { OfferslookStore } from '../store.js';
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
  if (fields.start_date !== undefined) offer.start_date = fields.start_date;
  if (fields.end_date !== undefined) offer.end_date = fields.end_date;
  store.offers.set(offer.id, offer);
  if (input.offer_geo)
    store.geos.set(offer.id, { ...input.offer_geo, countries: [...input.offer_geo.countries] });
  createBaseEvent(store, offer);
  return offer;
}

/** A partial update. A field that holds a value may not be set to empty (`""`). */
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
  if (input.offer_geo)
    store.geos.set(id, { ...input.offer_geo, countries: [...input.offer_geo.countries] });
  if (PRICING_FIELDS.some((field) => changes[field] !== undefined))
    mirrorPricingToBaseEvent(store, updated);
  return updated;
}

/** `{offer, offer_geo?}`: the answer of GET one, POST and PUT. */
export function offerData(store: OfferslookStore, id: number): Record<string, unknown> {
  const geo = store.geos.get(id);
  return { offer: offerOut(store.offer(id)), ...(geo ? { offer_geo: { ...geo } } : {}) };
}

/** A list row (ASSUMED): the offer with its `offer_geo` nested when it has one. */
export function offerRow(store: OfferslookStore, offer: StoredOffer): Record<string, unknown> {
  const geo = store.geos.get(offer.id);
  return { ...offerOut(offer), ...(geo ? { offer_geo: { ...geo } } : {}) };
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === '' || value === NOT_SET;
}
