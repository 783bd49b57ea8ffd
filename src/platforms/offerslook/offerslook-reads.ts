// The reading half of the Offerslook adapter: one entity by key, and lists narrowed by filters.
// Every record handed out is checked against records.ts, and built by the same functions whatever
// endpoint answered (offer-view.ts), so `get`, `list` and a write's record agree.
import type { Logger } from '../../log/logger.js';
import type { EntityKind, PlatformRecord } from '../../vocabulary/index.js';
import type { ListOptions, PlatformClient } from '../platform-client.js';
import { checked, orNothingIfMissing, requireOfferId } from './adapter-support.js';
import type { OfferslookClient } from './client.js';
import { viewOfGoal, viewOfWholeOffer } from './entity-views.js';
import { createOfferReads } from './offer-reads.js';
import {
  BASE_EVENT_ID,
  offerslookAffiliatePayoutSchema,
  offerslookAffiliateSchema,
} from './records.js';
import { passesFilters, searchFilters } from './search-filters.js';
import type { ListFilters } from './wire/index.js';

export interface OfferslookReads {
  get: PlatformClient['get'];
  search(
    kind: EntityKind,
    match: PlatformRecord,
    options?: ListOptions,
  ): AsyncGenerator<PlatformRecord>;
}

export function createOfferslookReads(client: OfferslookClient, logger?: Logger): OfferslookReads {
  const offers = createOfferReads(client, logger);

  async function* goalsOf(offerId: string, filters?: ListFilters): AsyncGenerator<PlatformRecord> {
    for await (const event of orNothingIfMissing(client.iterateOfferEvents(offerId, filters))) {
      if (event.id !== BASE_EVENT_ID) yield viewOfGoal(event);
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
        for await (const page of offers.wholeOfferPages(filters))
          for (const offer of page) yield viewOfWholeOffer(offer);
        return;
      case 'goal':
        if (offerId !== undefined) {
          yield* goalsOf(offerId, filters);
          return;
        }
        // Every offer's events come nested with the offers: no request per offer.
        for await (const page of offers.wholeOfferPages()) {
          for (const { events } of page) {
            for (const event of events) {
              if (event.id === BASE_EVENT_ID) continue;
              const goal = viewOfGoal(event);
              if (passesFilters(goal, filters)) yield goal;
            }
          }
        }
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
          const offer = await offers.wholeOffer(key.id);
          return offer === undefined ? undefined : viewOfWholeOffer(offer);
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
