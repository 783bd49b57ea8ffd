// One typed method per Offerslook endpoint the project uses (contract section 2), plus paging
// iterators. Requests go out as given; the platform decides what is valid. The batch endpoints
// (`/all`, `/v1/batches/offers`) are in batches.ts and handed on from here.
import { pathId } from '../http/path-id.js';
import qs from 'qs';
import { z } from 'zod';
import type { OfferslookConfig } from '../../config/index.js';
import type { Logger } from '../../log/logger.js';
import type { RequestHooks } from '../platform-client.js';
import { createOfferslookBatches, type OfferslookBatches } from './batches.js';
import { withOfferId } from './offer-view.js';
import { fetchListPage, type ListData } from './list-page.js';
import { iteratePageRows, iteratePages } from './paging.js';
import { createOfferslookTransport } from './transport.js';
import {
  affiliatePayoutCreatedSchema,
  affiliatePayoutDataSchema,
  affiliatePayoutDeletedSchema,
  affiliatePayoutRowSchema,
  affiliateWireSchema,
  listDataSchema,
  offerDataSchema,
  offerEventDataSchema,
  offerEventWireSchema,
  offerWireSchema,
  type ListFilters,
  type ListPage,
  type ListQuery,
  type OfferslookAffiliatePayoutWire,
  type OfferslookAffiliateWire,
  type OfferslookCreateAffiliatePayoutBody,
  type OfferslookCreateOfferBody,
  type OfferslookCreateOfferEventBody,
  type OfferslookOfferData,
  type OfferslookOfferEventWire,
  type OfferslookOfferWire,
  type OfferslookUpdateAffiliatePayoutQuery,
  type OfferslookUpdateOfferBody,
  type OfferslookUpdateOfferEventQuery,
} from './wire/index.js';

export interface OfferslookClient extends OfferslookBatches {
  /** `GET /v1/offers?limit=1`: one cheap authenticated call. */
  ping(): Promise<void>;
  listOffers(query?: ListQuery): Promise<ListPage<OfferslookOfferWire>>;
  /** `{offer, offer_geo?}`; NOT_FOUND when there is no such offer. */
  getOffer(id: string): Promise<OfferslookOfferData>;
  createOffer(body: OfferslookCreateOfferBody): Promise<OfferslookOfferData>;
  updateOffer(id: string, body: OfferslookUpdateOfferBody): Promise<OfferslookOfferData>;
  /** Events carry `offer_id` even when the platform leaves it out. */
  listOfferEvents(offerId: string, query?: ListQuery): Promise<ListPage<OfferslookOfferEventWire>>;
  createOfferEvent(
    offerId: string,
    body: OfferslookCreateOfferEventBody,
  ): Promise<OfferslookOfferEventWire>;
  /** Sends the fields as query parameters, never as a body (contract v2). */
  updateOfferEvent(
    offerId: string,
    eventId: string,
    fields: OfferslookUpdateOfferEventQuery,
  ): Promise<OfferslookOfferEventWire>;
  /** Rows are flat payouts with `affiliate_tier` nested. */
  listAffiliatePayouts(query?: ListQuery): Promise<ListPage<OfferslookAffiliatePayoutWire>>;
  /** The payout with its tier nested as `affiliate_tier`. */
  createAffiliatePayout(
    body: OfferslookCreateAffiliatePayoutBody,
  ): Promise<OfferslookAffiliatePayoutWire>;
  /** Sends `current_payout` / `percent_payout` as query parameters, as the platform wants. */
  updateAffiliatePayout(
    id: string,
    query: OfferslookUpdateAffiliatePayoutQuery,
  ): Promise<OfferslookAffiliatePayoutWire>;
  /** The answer's `data` is read but not needed: `{}` (v1) or the deleted record (v2). */
  deleteAffiliatePayout(id: string): Promise<void>;
  listAffiliates(query?: ListQuery): Promise<ListPage<OfferslookAffiliateWire>>;

  /** Every offer, `config.pageSize` per request, in id order. */
  iterateOffers(filters?: ListFilters): AsyncGenerator<OfferslookOfferWire>;
  /** The same, one page of flat offers at a time. */
  iterateOfferPages(filters?: ListFilters): AsyncGenerator<OfferslookOfferWire[]>;
  iterateOfferEvents(
    offerId: string,
    filters?: ListFilters,
  ): AsyncGenerator<OfferslookOfferEventWire>;
  /** e.g. `{ offer_id: { EQUAL_TO: 7 } }`. */
  iterateAffiliatePayouts(filters?: ListFilters): AsyncGenerator<OfferslookAffiliatePayoutWire>;
  iterateAffiliates(filters?: ListFilters): AsyncGenerator<OfferslookAffiliateWire>;
}

const offerList = listDataSchema(offerWireSchema);
const eventList = listDataSchema(offerEventWireSchema);
const payoutList = listDataSchema(affiliatePayoutRowSchema);
const affiliateList = listDataSchema(affiliateWireSchema);
const anything = z.unknown();

export function createOfferslookClient(
  config: OfferslookConfig,
  hooks?: RequestHooks,
  logger?: Logger,
): OfferslookClient {
  const send = createOfferslookTransport(config, hooks, logger);
  const pageSize = Math.min(Math.max(1, config.pageSize), 1000);
  const id = (value: string) => pathId('offerslook', 'id', value);

  const list = <Row>(
    path: string,
    template: string,
    schema: z.ZodType<ListData<Row>>,
    query?: ListQuery,
  ): Promise<ListPage<Row>> => fetchListPage(send, path, template, schema, query);

  const client: OfferslookClient = {
    ...createOfferslookBatches(send, pageSize),
    async ping() {
      await send({
        method: 'GET',
        path: '/v1/offers',
        template: '/v1/offers',
        query: 'limit=1',
        data: anything,
      });
    },
    listOffers: (query) => list('/v1/offers', '/v1/offers', offerList, query),
    getOffer: (offerId) =>
      send({
        method: 'GET',
        path: `/v1/offers/${id(offerId)}`,
        template: '/v1/offers/{id}',
        data: offerDataSchema,
      }),
    createOffer: (body) =>
      send({
        method: 'POST',
        path: '/v1/offers',
        template: '/v1/offers',
        json: body,
        data: offerDataSchema,
      }),
    updateOffer: (offerId, body) =>
      send({
        method: 'PUT',
        path: `/v1/offers/${id(offerId)}`,
        template: '/v1/offers/{id}',
        json: body,
        data: offerDataSchema,
      }),

    async listOfferEvents(offerId, query) {
      const path = `/v1/offers/${id(offerId)}/offer_events`;
      const page = await list(path, '/v1/offers/{id}/offer_events', eventList, query);
      return { ...page, rows: page.rows.map((event) => withOfferId(event, offerId)) };
    },
    async createOfferEvent(offerId, body) {
      const data = await send({
        method: 'POST',
        path: `/v1/offers/${id(offerId)}/offer_events`,
        template: '/v1/offers/{id}/offer_events',
        json: body,
        data: offerEventDataSchema,
      });
      return withOfferId(data.offer_event, offerId);
    },
    async updateOfferEvent(offerId, eventId, fields) {
      const data = await send({
        method: 'PATCH',
        path: `/v1/offers/${id(offerId)}/offer_events/${id(eventId)}`,
        template: '/v1/offers/{id}/offer_events/{event_id}',
        query: qs.stringify(fields, { encodeValuesOnly: true, skipNulls: true }),
        data: offerEventDataSchema,
      });
      return withOfferId(data.offer_event, offerId);
    },

    listAffiliatePayouts: (query) =>
      list('/v1/affiliate_payouts', '/v1/affiliate_payouts', payoutList, query),
    createAffiliatePayout: (body) =>
      send({
        method: 'POST',
        path: '/v1/affiliate_payouts',
        template: '/v1/affiliate_payouts',
        json: body,
        data: affiliatePayoutCreatedSchema,
      }),
    async updateAffiliatePayout(payoutId, query) {
      const params = new URLSearchParams();
      if (query.current_payout !== undefined) params.set('current_payout', query.current_payout);
      if (query.percent_payout !== undefined) params.set('percent_payout', query.percent_payout);
      const data = await send({
        method: 'PATCH',
        path: `/v1/affiliate_payouts/${id(payoutId)}`,
        template: '/v1/affiliate_payouts/{id}',
        query: params.toString(),
        data: affiliatePayoutDataSchema,
      });
      return data.affiliate_payout;
    },
    async deleteAffiliatePayout(payoutId) {
      await send({
        method: 'DELETE',
        path: `/v1/affiliate_payouts/${id(payoutId)}`,
        template: '/v1/affiliate_payouts/{id}',
        data: affiliatePayoutDeletedSchema,
      });
    },
    listAffiliates: (query) => list('/v1/affiliates', '/v1/affiliates', affiliateList, query),

    iterateOffers: (filters) =>
      iteratePages((offset) => client.listOffers({ offset, limit: pageSize, sort: 'id', filters })),
    iterateOfferPages: (filters) =>
      iteratePageRows((offset) =>
        client.listOffers({ offset, limit: pageSize, sort: 'id', filters }),
      ),
    iterateOfferEvents: (offerId, filters) =>
      iteratePages((offset) =>
        client.listOfferEvents(offerId, { offset, limit: pageSize, sort: 'id', filters }),
      ),
    iterateAffiliatePayouts: (filters) =>
      iteratePages((offset) =>
        client.listAffiliatePayouts({ offset, limit: pageSize, sort: 'id', filters }),
      ),
    iterateAffiliates: (filters) =>
      iteratePages((offset) =>
        client.listAffiliates({ offset, limit: pageSize, sort: 'id', filters }),
      ),
  };
  return client;
}
