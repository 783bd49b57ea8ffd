// Reading whole offers (the offer, its geo and its events) in as few requests as the server
// allows. One offer: `GET /v1/offers/{id}/all`, one request. Every offer: `GET /v1/batches/offers`
// nesting each offer's events and geo, one request per 100 offers. A server without `/all` (404)
// or one that ignores `contains` (rows without `offer_event`) gets the older way instead: the
// offer, then its events; flat `/v1/offers` pages, then each offer's events, a few at a time.
// What a server lacks is learned once and remembered for the life of this reader.
import type { Logger } from '../../log/logger.js';
import { isPlatformError } from '../errors.js';
import { PLATFORM, orNothingIfMissing, orUndefinedIfMissing } from './adapter-support.js';
import { mapBounded } from '../bounded-map.js';
import type { OfferslookClient } from './client.js';
import { withOfferId } from './offer-view.js';
import type {
  ListFilters,
  OfferslookOfferEventWire,
  OfferslookOfferGeo,
  OfferslookOfferWire,
} from './wire/index.js';

/** An offer with its sub-resources, whichever requests fetched them. */
export interface WholeOffer {
  offer: OfferslookOfferWire;
  geo: OfferslookOfferGeo | undefined;
  /** Every event, event 1 included, each carrying `offer_id`. */
  events: OfferslookOfferEventWire[];
}

/** Events lists fetched at once when a server cannot nest them (each still takes a limiter token). */
export const EVENT_READS_AT_ONCE = 6;

export interface OfferReads {
  /** `undefined` when there is no such offer. */
  wholeOffer(id: string): Promise<WholeOffer | undefined>;
  /** Every offer matching `filters`, page by page, in id order. */
  wholeOfferPages(filters?: ListFilters): AsyncGenerator<WholeOffer[]>;
}

export function createOfferReads(client: OfferslookClient, logger?: Logger): OfferReads {
  // Until a server shows otherwise, it has `/all` and honours `contains`.
  const has = { offerAll: true, batchContains: true };
  const learned = (what: string) =>
    logger?.info({ platform: PLATFORM }, `offerslook: ${what}; using the separate requests`);

  async function eventsOf(offerId: string): Promise<OfferslookOfferEventWire[]> {
    const events: OfferslookOfferEventWire[] = [];
    for await (const event of orNothingIfMissing(client.iterateOfferEvents(offerId)))
      events.push(event);
    return events;
  }

  const whole = (
    offer: OfferslookOfferWire,
    geo: OfferslookOfferGeo | undefined,
    events: readonly OfferslookOfferEventWire[],
  ): WholeOffer => ({ offer, geo, events: events.map((event) => withOfferId(event, offer.id)) });

  async function* separatePages(filters?: ListFilters): AsyncGenerator<WholeOffer[]> {
    for await (const offers of client.iterateOfferPages(filters)) {
      const events = await mapBounded(offers, EVENT_READS_AT_ONCE, (offer) => eventsOf(offer.id));
      yield offers.map((offer, index) => whole(offer, undefined, events[index]!));
    }
  }

  return {
    async wholeOffer(id) {
      if (has.offerAll) {
        try {
          const all = await client.getOfferAll(id);
          return whole(all.offer, all.offer_geo, all.offer_event ?? (await eventsOf(id)));
        } catch (error) {
          if (!(isPlatformError(error) && error.code === 'NOT_FOUND')) throw error;
        }
      }
      // A 404 from `/all` means no such offer, or no such endpoint: the plain GET tells which.
      const data = await orUndefinedIfMissing(client.getOffer(id));
      if (data === undefined) return undefined;
      if (has.offerAll) {
        has.offerAll = false;
        learned('GET /v1/offers/{id}/all answers 404 for an offer that exists');
      }
      return whole(data.offer, data.offer_geo, await eventsOf(id));
    },

    async *wholeOfferPages(filters) {
      if (has.batchContains) {
        let pages = 0;
        try {
          for await (const rows of client.iterateOfferBatchPages(filters)) {
            if (pages === 0 && rows.every((row) => row.offer_event === undefined)) {
              has.batchContains = false;
              learned('GET /v1/batches/offers ignores contains=offer_event');
              break;
            }
            pages++;
            // A row without events on a server that nests them elsewhere: read its events.
            const events = await mapBounded(
              rows,
              EVENT_READS_AT_ONCE,
              async (row) => row.offer_event ?? (await eventsOf(row.offer.id)),
            );
            yield rows.map((row, index) => whole(row.offer, row.offer_geo, events[index]!));
          }
        } catch (error) {
          // No batch endpoint at all; only before anything was handed out, or rows would repeat.
          if (!(pages === 0 && isPlatformError(error) && error.code === 'NOT_FOUND')) throw error;
          has.batchContains = false;
          learned('GET /v1/batches/offers answers 404');
        }
        if (has.batchContains) return;
      }
      yield* separatePages(filters);
    },
  };
}
