// Offer events: list and create (JSON body, seed 000), and the PATCH whose fields are query
// parameters (contract v2). The `offerEventPatch` switch says whether a JSON body is read too.
import {
  createOfferEventBodySchema,
  updateOfferEventBodySchema,
  updateOfferEventQuerySchema,
} from '../../../platforms/offerslook/wire/index.js';
import { parseOr422 } from '../http-error.js';
import { listRows } from '../list-rows.js';
import { createEvent, updateEvent } from '../operations/offer-events.js';
import { eventOut } from '../render.js';
import { idParam, jsonObject, type Routes } from './handler.js';

const EVENT_FIELDS = [
  'id', 'name', 'revenue_type', 'revenue', 'percent_revenue', 'payout_type', 'payout', 'percent_payout', 'status',
  'conversion_protocol', 'is_private', 'approve_conversion', 'is_allowed_multiple', 'is_end_point',
  'offer_payout_tier', 'create_time', 'update_time',
]; // prettier-ignore

export const OFFER_EVENT_ROUTES: Routes = {
  '/v1/offers/:id/offer_events': {
    GET: ({ params, query }, { store }) => {
      const offerId = idParam(params.id, 'Offer');
      store.offer(offerId);
      const events = [...store.eventsOf(offerId).values()].map((event) => eventOut(offerId, event));
      return listRows(events, query, EVENT_FIELDS);
    },
    POST: ({ params, body }, { store }) => {
      const offerId = idParam(params.id, 'Offer');
      store.offer(offerId);
      const event = createEvent(
        store,
        offerId,
        parseOr422(createOfferEventBodySchema, jsonObject(body)),
      );
      return { offer_event: eventOut(offerId, event) };
    },
  },
  '/v1/offers/:id/offer_events/:event_id': {
    PATCH: ({ params, query, body }, { store, variants }) => {
      const offerId = idParam(params.id, 'Offer');
      const eventId = idParam(params.event_id, 'Offer event');
      store.event(offerId, eventId);
      const fromQuery = parseOr422(updateOfferEventQuerySchema, query ?? {});
      // v2: the query is all there is; a JSON body is not read, and an empty query changes
      // nothing and still answers success (so a client that sends a body "succeeds").
      // v1: a JSON body is read as well; the query wins where both name a field.
      const input =
        variants.offerEventPatch === 'query'
          ? fromQuery
          : parseOr422(updateOfferEventBodySchema, {
              ...(body === undefined ? {} : jsonObject(body)),
              ...fromQuery,
            });
      const event = updateEvent(store, offerId, eventId, input);
      return { offer_event: eventOut(offerId, event) };
    },
  },
};
