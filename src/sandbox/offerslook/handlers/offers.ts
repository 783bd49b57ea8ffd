// Offers: list, create, read, update; `/all` (the offer with its sub-resources in one answer);
// and the batch endpoints (`GET /v1/batches/offers` nested rows, `PATCH /v1/batches/offers/{ids}`).
import { z } from 'zod';
import {
  BATCH_LIMIT,
  createOfferBodySchema,
  listQuerySchema,
  updateOfferBodySchema,
} from '../../../platforms/offerslook/wire/index.js';
import { invalid, parseOr422 } from '../http-error.js';
import { listRows } from '../list-rows.js';
import {
  createOffer,
  nestedOffer,
  offerData,
  offerRow,
  presentOfferRow,
  setOffersStatus,
  updateOffer,
} from '../operations/offers.js';
import { idParam, jsonObject, noRoute, type Routes } from './handler.js';

export const OFFER_FIELDS = [
  'id', 'name', 'advertiser_id', 'advertiser_offer_id', 'status', 'offer_approval', 'revenue_type', 'revenue',
  'percent_revenue', 'payout_type', 'payout', 'percent_payout', 'preview_url', 'destination_url', 'description',
  'currency', 'start_date', 'end_date', 'create_time', 'update_time',
]; // prettier-ignore

/** What `/all` holds: everything a nested row can. */
const ALL_PARTS = new Set(['offer', 'offer_event', 'offer_geo']);

const batchStatusQuerySchema = z.strictObject({
  status: z.enum(['paused', 'active'], { error: 'expected status=paused or status=active' }),
});

export const OFFER_ROUTES: Routes = {
  '/v1/offers': {
    GET: ({ query }, { store, variants }) =>
      listRows([...store.offers.values()].map(offerRow), query, OFFER_FIELDS, {
        present: (row) => presentOfferRow(store, row, variants),
      }),
    POST: ({ body }, { store, variants }) => {
      const offer = createOffer(store, parseOr422(createOfferBodySchema, jsonObject(body)));
      return offerData(store, offer.id, variants);
    },
  },
  '/v1/offers/:id': {
    GET: ({ params }, { store, variants }) =>
      offerData(store, idParam(params.id, 'Offer'), variants),
    PUT: ({ params, body }, { store, variants }) => {
      const id = idParam(params.id, 'Offer');
      store.offer(id);
      updateOffer(store, id, parseOr422(updateOfferBodySchema, jsonObject(body)));
      return offerData(store, id, variants);
    },
  },
  '/v1/offers/:id/all': {
    GET: (request, { store, variants }) => {
      if (variants.offerAll === 'missing') throw noRoute(request);
      const id = idParam(request.params.id, 'Offer');
      store.offer(id);
      return nestedOffer(store, id, ALL_PARTS, variants);
    },
  },
  '/v1/batches/offers': {
    GET: ({ query }, { store, variants }) => {
      const { contains, fields } = parseOr422(listQuerySchema, query);
      // ASSUMED: a batch row is nested by resource, so there is no flat field list to pick from.
      if (fields !== undefined) throw invalid('fields', 'not available on /v1/batches/offers');
      const parts =
        variants.batchContains === 'ignored'
          ? new Set(['offer'])
          : new Set(['offer', ...(contains?.split(',') ?? [])]);
      return listRows([...store.offers.values()].map(offerRow), query, OFFER_FIELDS, {
        maxLimit: BATCH_LIMIT,
        present: (row) => nestedOffer(store, row.id as number, parts, variants),
      });
    },
  },
  '/v1/batches/offers/:ids': {
    PATCH: ({ params, query }, { store }) => {
      const text = params.ids ?? '';
      if (!/^[1-9]\d*(,[1-9]\d*)*$/.test(text))
        throw invalid('ids', 'expected offer ids separated by commas');
      const ids = text.split(',').map(Number);
      if (ids.length > BATCH_LIMIT)
        throw invalid('ids', `at most ${BATCH_LIMIT} offers per request`);
      const { status } = parseOr422(batchStatusQuerySchema, query ?? {});
      // ASSUMED: ids that name no offer are skipped; the answer is a bare success either way.
      setOffersStatus(store, ids, status);
      return {};
    },
  },
};
