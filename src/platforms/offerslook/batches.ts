// The endpoints that read or change many offers per request (contract section 2, v2):
// `GET /v1/offers/{id}/all` (one offer with its events and geo), `GET /v1/batches/offers` (100
// offers per page, each nested with its events and geo) and `PATCH /v1/batches/offers/{ids}`
// (pause or reactivate up to 100 offers at once).
import { pathId } from '../http/path-id.js';
import { PlatformError } from '../errors.js';
import { fetchListPage } from './list-page.js';
import { iteratePageRows } from './paging.js';
import type { OfferslookSend } from './transport.js';
import {
  BATCH_LIMIT,
  OFFER_BATCH_CONTAINS,
  batchUpdatedSchema,
  listDataSchema,
  nestedOfferSchema,
  type BatchOfferStatus,
  type ListFilters,
  type ListPage,
  type ListQuery,
  type OfferslookNestedOffer,
} from './wire/index.js';

export interface OfferslookBatches {
  /** `GET /v1/offers/{id}/all`; NOT_FOUND when there is no such offer, or no such endpoint. */
  getOfferAll(id: string): Promise<OfferslookNestedOffer>;
  /** One page of `GET /v1/batches/offers`, asking for the offer, its events and its geo. */
  listOfferBatch(query?: ListQuery): Promise<ListPage<OfferslookNestedOffer>>;
  /** Every page of nested offers, at most 100 per request, in id order. */
  iterateOfferBatchPages(filters?: ListFilters): AsyncGenerator<OfferslookNestedOffer[]>;
  /**
   * `PATCH /v1/batches/offers/{id1,id2,...}?status=...`: at most 100 numeric ids (the caller
   * chunks). The answer says nothing per id.
   */
  setOffersStatus(ids: readonly string[], status: BatchOfferStatus): Promise<void>;
}

const nestedList = listDataSchema(nestedOfferSchema);

export function createOfferslookBatches(send: OfferslookSend, pageSize: number): OfferslookBatches {
  const limit = Math.min(Math.max(1, pageSize), BATCH_LIMIT);
  const batches: OfferslookBatches = {
    getOfferAll: (offerId) =>
      send({
        method: 'GET',
        path: `/v1/offers/${pathId('offerslook', 'offer id', offerId)}/all`,
        template: '/v1/offers/{id}/all',
        data: nestedOfferSchema,
      }),
    listOfferBatch: (query = {}) =>
      fetchListPage(send, '/v1/batches/offers', '/v1/batches/offers', nestedList, {
        ...query,
        limit: Math.min(query.limit ?? limit, BATCH_LIMIT),
        contains: query.contains ?? OFFER_BATCH_CONTAINS,
      }),
    iterateOfferBatchPages: (filters) =>
      iteratePageRows((offset) => batches.listOfferBatch({ offset, limit, sort: 'id', filters })),
    async setOffersStatus(ids, status) {
      if (ids.length === 0) return;
      // The ids go into the path as a raw comma list (as OfferSync sends them); each is checked
      // to be numeric first, so nothing else can reach the path.
      const problem =
        ids.length > BATCH_LIMIT
          ? `at most ${BATCH_LIMIT} offers per request, got ${ids.length}`
          : ids.find((id) => !/^\d+$/.test(id)) === undefined
            ? undefined
            : 'offer ids must be numeric';
      if (problem !== undefined) {
        const operation = 'PATCH /v1/batches/offers/{ids}';
        throw new PlatformError('VALIDATION', `offerslook ${operation}: ${problem}`, {
          platform: 'offerslook',
          operation,
          platformMessage: problem,
        });
      }
      await send({
        method: 'PATCH',
        path: `/v1/batches/offers/${ids.map((id) => pathId('offerslook', 'offer id', id)).join(',')}`,
        template: '/v1/batches/offers/{ids}',
        query: new URLSearchParams({ status }).toString(),
        data: batchUpdatedSchema,
      });
    },
  };
  return batches;
}
