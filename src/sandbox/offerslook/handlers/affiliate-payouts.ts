// Affiliate payouts (seed 002; PATCH by query parameters; DELETE answering per the
// `deleteAnswer` switch) and affiliates (read only).
import {
  createAffiliatePayoutBodySchema,
  updateAffiliatePayoutQuerySchema,
} from '../../../platforms/offerslook/wire/index.js';
import { parseOr422 } from '../http-error.js';
import { listRows } from '../list-rows.js';
import { createPayout, deletePayout, updatePayout } from '../operations/affiliate-payouts.js';
import { affiliateOut, payoutOut, payoutRow, tierOut } from '../render.js';
import { idParam, jsonObject, type Routes } from './handler.js';

const PAYOUT_FIELDS = [
  'id', 'offer_id', 'affiliate_id', 'event_id', 'current_payout', 'percent_payout', 'create_time', 'affiliate_tier',
]; // prettier-ignore
const AFFILIATE_FIELDS = ['id', 'first_name', 'last_name', 'email', 'company', 'status'];

export const PAYOUT_ROUTES: Routes = {
  '/v1/affiliate_payouts': {
    GET: ({ query }, { store }) =>
      listRows([...store.payouts.values()].map(payoutRow), query, PAYOUT_FIELDS),
    POST: ({ body }, { store }) => {
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
    PATCH: ({ params, query }, { store }) => {
      const id = idParam(params.id, 'Affiliate payout');
      store.payout(id);
      const payout = updatePayout(
        store,
        id,
        parseOr422(updateAffiliatePayoutQuerySchema, query ?? {}),
      );
      return { affiliate_payout: payoutOut(payout) };
    },
    DELETE: ({ params }, { store, variants }) => {
      const deleted = deletePayout(store, idParam(params.id, 'Affiliate payout'));
      return variants.deleteAnswer === 'record' ? { affiliate_payout: payoutOut(deleted) } : {};
    },
  },
  '/v1/affiliates': {
    GET: ({ query }, { store }) =>
      listRows([...store.affiliates.values()].map(affiliateOut), query, AFFILIATE_FIELDS),
  },
};
