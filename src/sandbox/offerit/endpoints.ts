// Every endpoint of the contract (section 1): its method, its parameter schema (shared with the
// client) and what it does. A handler takes checked parameters and the state and returns the
// success `message` (plus any top-level fields), or throws a SandboxFailure.
import { z } from 'zod';
import {
  activateOfferParamsSchema,
  addCommissionChangeParamsSchema,
  addOfferParamsSchema,
  affiliateSearchParamsSchema,
  editOfferParamsSchema,
  getCommissionChangesParamsSchema,
  getDetailsParamsSchema,
  pauseOfferParamsSchema,
  setCommissionChangePayoutsParamsSchema,
  setOfferGoalsParamsSchema,
} from '../../platforms/offerit/wire/index.js';
import { searchAffiliates } from './handlers/affiliates.js';
import {
  addCommissionChange,
  renderChanges,
  setCommissionChangePayouts,
} from './handlers/commissions.js';
import { renderGoal, setOfferGoals } from './handlers/goals.js';
import {
  activateOffer,
  createOffer,
  editOffer,
  findOffers,
  pauseOffer,
  renderDetails,
} from './handlers/offers.js';
import type { OfferitSandboxState } from './state.js';
import type { DetailsVariant, OfferitVariants } from './variants.js';

export interface EndpointContext {
  state: OfferitSandboxState;
  /** The variants in force for this request. */
  variants: OfferitVariants;
}

export interface Answer {
  message: unknown;
  /** Top-level fields beside `result` and `message` (add_commission_change's `changeid`). */
  extra?: Record<string, unknown>;
  /** The envelope's result word. @defaultValue 'Success' */
  result?: string;
  /** Send `message` alone, with no envelope (affiliate/search, v2). */
  bare?: boolean;
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH';
  schema: z.ZodType;
  handle(params: unknown, context: EndpointContext): Answer;
}

function endpoint<S extends z.ZodType>(
  method: Endpoint['method'],
  schema: S,
  handle: (params: z.output<S>, context: EndpointContext) => Answer,
): Endpoint {
  return { method, schema, handle: (params, context) => handle(params as z.output<S>, context) };
}

export const OFFERIT_ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  'service/ping': endpoint('GET', z.strictObject({}), () => ({ message: 'pong' })),
  'offer/add_offer': endpoint('POST', addOfferParamsSchema, (params, { state }) => {
    const offer = createOffer(state, params);
    return { message: { landing_pageid: offer.landing_pageid, offerid: offer.offerid } };
  }),
  'offer/edit_offer': endpoint('PATCH', editOfferParamsSchema, (params, { state }) => ({
    message: editOffer(state, params),
  })),
  'offer/pause_offer': endpoint('PATCH', pauseOfferParamsSchema, (params, { state }) => ({
    message: pauseOffer(state, params),
  })),
  'offer/activate_offer': endpoint(
    'PATCH',
    activateOfferParamsSchema,
    (params, { state, variants }) => ({
      message: activateOffer(state, params),
      result: variants.activateResult,
    }),
  ),
  'offer/get_details': endpoint('GET', getDetailsParamsSchema, (params, { state, variants }) => {
    const offers = findOffers(state, params).map((offer) =>
      renderDetails(state, offer, variants, params.return_columns),
    );
    return { message: shapeDetails(offers, variants.detailsVariant) };
  }),
  'offer/set_offer_goals': endpoint('PATCH', setOfferGoalsParamsSchema, (params, { state }) => ({
    message: { goals: setOfferGoals(state, params.offerid, params.goal_vars).map(renderGoal) },
  })),
  'offer/add_commission_change': endpoint(
    'POST',
    addCommissionChangeParamsSchema,
    (params, { state }) => ({
      message: 'changes_saved',
      extra: { changeid: Number(addCommissionChange(state, params)) },
    }),
  ),
  'offer/get_commission_changes': endpoint(
    'GET',
    getCommissionChangesParamsSchema,
    (params, { state, variants }) => ({
      message: { changes: renderChanges(state, params.offerid, variants) },
    }),
  ),
  'offer/set_commission_change_payouts': endpoint(
    'PATCH',
    setCommissionChangePayoutsParamsSchema,
    (params, { state }) => ({
      message: setCommissionChangePayouts(state, params),
    }),
  ),
  'affiliate/search': endpoint(
    'GET',
    affiliateSearchParamsSchema,
    (params, { state, variants }) => {
      const found = searchAffiliates(state, params);
      // The documented reply is bare, and an empty one `{}`; v1 ASSUMED PHP's `[]` in an envelope.
      return variants.affiliateSearch === 'bare'
        ? { message: Array.isArray(found) ? {} : found, bare: true }
        : { message: found };
    },
  ),
};

function shapeDetails(offers: Record<string, unknown>[], variant: DetailsVariant): unknown {
  // PHP's json_encode turns an empty array into `[]`, whatever shape a full one would have.
  const byId =
    offers.length === 0
      ? []
      : Object.fromEntries(offers.map((offer) => [String(offer.offerid), offer]));
  switch (variant) {
    case 'by-id':
      return byId;
    case 'list':
      return offers;
    case 'offers-by-id':
      return { offers: byId };
    case 'offers-list':
      return { offers };
  }
}
