// The reading half of the Offerslook adapter: one entity by key, and lists narrowed by filters.
// Every record handed out is checked against records.ts.
import type { EntityKind, PlatformRecord } from '../entities.js';
import type { ListOptions, PlatformClient } from '../platform-client.js';
import {
  checked,
  orNothingIfMissing,
  orUndefinedIfMissing,
  requireOfferId,
} from './adapter-support.js';
import type { OfferslookClient } from './client.js';
import { normalizeEvent, offerView } from './offer-view.js';
import {
  BASE_EVENT_ID,
  offerslookAffiliatePayoutSchema,
  offerslookAffiliateSchema,
  offerslookOfferEventSchema,
  offerslookOfferSchema,
} from './records.js';
import { searchFilters } from './search-filters.js';
import type { ListFilters, OfferslookOfferEventWire, OfferslookOfferWire } from './wire/index.js';

export interface OfferslookReads {
  get: PlatformClient['get'];
  search(
    kind: EntityKind,
    match: PlatformRecord,
    options?: ListOptions,
  ): AsyncGenerator<PlatformRecord>;
}

export function createOfferslookReads(client: OfferslookClient): OfferslookReads {
  async function baseEventOf(offerId: string): Promise<OfferslookOfferEventWire | undefined> {
    // Listed by +id, so event 1 is on the first page.
    for await (const event of client.iterateOfferEvents(offerId))
      if (event.id === BASE_EVENT_ID) return event;
    return undefined;
  }

  async function viewOfOffer(offer: OfferslookOfferWire): Promise<PlatformRecord> {
    return checked(
      offerslookOfferSchema,
      offerView(offer, undefined, await baseEventOf(offer.id)),
      'offer',
    );
  }

  async function* goalsOf(offerId: string, filters?: ListFilters): AsyncGenerator<PlatformRecord> {
    for await (const event of orNothingIfMissing(client.iterateOfferEvents(offerId, filters))) {
      if (event.id !== BASE_EVENT_ID)
        yield checked(offerslookOfferEventSchema, normalizeEvent(event), 'goal');
    }
  }

  /**
   * Offers (each with its base event), goals (per offer or of every offer), commissions (per
   * offer or all), affiliates; narrowed by the platform's filters for the searchable fields of
   * `match`. Callers check each candidate themselves.
   */
  async function* search(
    kind: EntityKind,
    match: PlatformRecord,
    listOptions: ListOptions = {},
  ): AsyncGenerator<PlatformRecord> {
    const filters = searchFilters(kind, match);
    const { offerId } = listOptions;
    switch (kind) {
      case 'offer':
        for await (const offer of client.iterateOffers(filters)) yield await viewOfOffer(offer);
        return;
      case 'goal':
        if (offerId !== undefined) {
          yield* goalsOf(offerId, filters);
          return;
        }
        for await (const offer of client.iterateOffers()) yield* goalsOf(offer.id, filters);
        return;
      case 'commission': {
        const scoped =
          offerId === undefined ? filters : { ...filters, offer_id: { EQUAL_TO: offerId } };
        for await (const row of client.iterateAffiliatePayouts(scoped)) {
          if (offerId === undefined || row.offer_id === offerId) {
            yield checked(offerslookAffiliatePayoutSchema, row, 'commission');
          }
        }
        return;
      }
      case 'affiliate':
        for await (const row of client.iterateAffiliates(filters)) {
          yield checked(offerslookAffiliateSchema, row, 'affiliate');
        }
        return;
    }
  }

  return {
    search,

    async get(key) {
      switch (key.kind) {
        case 'offer': {
          const data = await orUndefinedIfMissing(client.getOffer(key.id));
          if (!data) return undefined;
          const view = offerView(data.offer, data.offer_geo, await baseEventOf(key.id));
          return checked(offerslookOfferSchema, view, 'offer');
        }
        case 'goal': {
          if (key.id === BASE_EVENT_ID) return undefined;
          for await (const goal of goalsOf(requireOfferId(key)))
            if (goal.id === key.id) return goal;
          return undefined;
        }
        case 'commission': {
          const rows = client.iterateAffiliatePayouts({ id: { EQUAL_TO: key.id } });
          for await (const row of rows) {
            if (row.id === key.id && (key.offerId === undefined || row.offer_id === key.offerId)) {
              return checked(offerslookAffiliatePayoutSchema, row, 'commission');
            }
          }
          return undefined;
        }
        case 'affiliate': {
          for await (const row of client.iterateAffiliates({ id: { EQUAL_TO: key.id } })) {
            if (row.id === key.id) return checked(offerslookAffiliateSchema, row, 'affiliate');
          }
          return undefined;
        }
      }
    },
  };
}
