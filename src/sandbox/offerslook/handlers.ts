// One plain function per endpoint of contract section 2: a request in, the envelope's `data` out,
// or a thrown SandboxHttpError. Only `create-offerslook-sandbox.ts` touches Fastify.
import {
  createAffiliatePayoutBodySchema,
  createOfferBodySchema,
  createOfferEventBodySchema,
  updateAffiliatePayoutQuerySchema,
  updateOfferBodySchema,
  updateOfferEventBodySchema,
} from '../../platforms/offerslook/wire/index.js';
import { SandboxHttpError, notFound, parseOr422 } from './http-error.js';
import { listRows } from './list-rows.js';
import { createPayout, deletePayout, updatePayout } from './operations/affiliate-payouts.js';
import { createEvent, updateEvent } from './operations/offer-events.js';
import { createOffer, offerData, offerRow, updateOffer } from './operations/offers.js';
import { affiliateOut, eventOut, payoutOut, payoutRow, tierOut } from './render.js';
import type { OfferslookStore } from './store.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Marks a body that did not arrive as JSON; handlers that need one answer 400. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

export interface SandboxRequest {
  params: Record<string, string>;
  query: unknown;
  /** The parsed JSON body, `undefined` when there was none, NOT_JSON when it was something else. */
  body: unknown;
}

export type Handler = (request: SandboxRequest, store: OfferslookStore) => unknown;

const OFFER_FIELDS = [
  'id', 'name', 'advertiser_id', 'status', 'offer_approval', 'revenue_type', 'revenue', 'percent_revenue',
  'payout_type', 'payout', 'percent_payout', 'preview_url', 'destination_url', 'description', 'currency',
  'start_date', 'end_date', 'create_time', 'update_time', 'offer_geo',
]; // prettier-ignore
const EVENT_FIELDS = [
  'id', 'name', 'revenue_type', 'revenue', 'percent_revenue', 'payout_type', 'payout', 'percent_payout', 'status',
  'conversion_protocol', 'is_private', 'approve_conversion', 'is_allowed_multiple', 'is_end_point',
  'offer_payout_tier', 'create_time', 'update_time',
]; // prettier-ignore
const PAYOUT_FIELDS = [
  'id', 'offer_id', 'affiliate_id', 'event_id', 'current_payout', 'percent_payout', 'create_time', 'affiliate_tier',
]; // prettier-ignore
const AFFILIATE_FIELDS = ['id', 'first_name', 'last_name', 'email', 'company', 'status'];

/** Path template -> method -> handler. Any other method on a known path is a 405. */
export const ROUTES: Readonly<Record<string, Partial<Record<HttpMethod, Handler>>>> = {
  '/v1/offers': {
    GET: ({ query }, store) =>
      listRows(
        [...store.offers.values()].map((offer) => offerRow(store, offer)),
        query,
        OFFER_FIELDS,
      ),
    POST: ({ body }, store) => {
      const offer = createOffer(store, parseOr422(createOfferBodySchema, jsonObject(body)));
      return offerData(store, offer.id);
    },
  },
  '/v1/offers/:id': {
    GET: ({ params }, store) => offerData(store, idParam(params.id, 'Offer')),
    PUT: ({ params, body }, store) => {
      const id = idParam(params.id, 'Offer');
      store.offer(id);
      updateOffer(store, id, parseOr422(updateOfferBodySchema, jsonObject(body)));
      return offerData(store, id);
    },
  },
  '/v1/offers/:id/offer_events': {
    GET: ({ params, query }, store) => {
      const offerId = idParam(params.id, 'Offer');
      store.offer(offerId);
      const events = [...store.eventsOf(offerId).values()].map((event) => eventOut(offerId, event));
      return listRows(events, query, EVENT_FIELDS);
    },
    POST: ({ params, body }, store) => {
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
    PATCH: ({ params, body }, store) => {
      const offerId = idParam(params.id, 'Offer');
      const eventId = idParam(params.event_id, 'Offer event');
      store.event(offerId, eventId);
      const event = updateEvent(
        store,
        offerId,
        eventId,
        parseOr422(updateOfferEventBodySchema, jsonObject(body)),
      );
      return { offer_event: eventOut(offerId, event) };
    },
  },
  '/v1/affiliate_payouts': {
    GET: ({ query }, store) =>
      listRows([...store.payouts.values()].map(payoutRow), query, PAYOUT_FIELDS),
    POST: ({ body }, store) => {
      const payout = createPayout(
        store,
        parseOr422(createAffiliatePayoutBodySchema, jsonObject(body)),
      );
      const tier = payout.affiliate_tier;
      return {
        affiliate_payout: payoutOut(payout),
        ...(tier ? { affiliate_tier: tierOut(payout, tier) } : {}),
      };
    },
  },
  '/v1/affiliate_payouts/:id': {
    PATCH: ({ params, query }, store) => {
      const id = idParam(params.id, 'Affiliate payout');
      store.payout(id);
      const payout = updatePayout(
        store,
        id,
        parseOr422(updateAffiliatePayoutQuerySchema, query ?? {}),
      );
      return { affiliate_payout: payoutOut(payout) };
    },
    DELETE: ({ params }, store) => {
      deletePayout(store, idParam(params.id, 'Affiliate payout'));
      return {};
    },
  },
  '/v1/affiliates': {
    GET: ({ query }, store) =>
      listRows([...store.affiliates.values()].map(affiliateOut), query, AFFILIATE_FIELDS),
  },
};

function jsonObject(body: unknown): Record<string, unknown> {
  if (
    body === NOT_JSON ||
    body === undefined ||
    body === null ||
    typeof body !== 'object' ||
    Array.isArray(body)
  ) {
    throw new SandboxHttpError(
      400,
      'The request body must be a JSON object (content-type: application/json)',
    );
  }
  return body as Record<string, unknown>;
}

/** A path id that is not a positive integer names nothing: 404, like an unknown id. */
function idParam(value: string | undefined, what: string): number {
  if (value === undefined || !/^[1-9]\d*$/.test(value))
    throw notFound(`${what} ${value ?? ''}`.trim());
  return Number(value);
}
