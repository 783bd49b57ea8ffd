// The Offerit / NATS for Networks REST client: one typed method per endpoint of the contract
// (section 1), plus the two walks that stand in for "list all". Records come back in the
// entity-view shape of `records.ts` (add_offer names), whichever vocabulary the server answered.
import type { OfferitConfig } from '../../config/index.js';
import type { Logger } from '../../log/logger.js';
import type { RequestHooks } from '../platform-client.js';
import type {
  OfferitAffiliate,
  OfferitCommissionChange,
  OfferitGoal,
  OfferitOffer,
} from './records.js';
import { offeritOfferSchema } from './records.js';
import { createOfferitTransport, type OfferitParams } from './transport.js';
import { getDetailsMissing } from './get-details-missing.js';
import { isPlatformError } from '../errors.js';
import {
  walkAffiliatePages,
  walkOfferWindows,
  type AffiliatePageOptions,
  type OfferWindowOptions,
} from './paging.js';
import {
  addCommissionChangeResponseSchema,
  addOfferResponseSchema,
  affiliateSearchResponseSchema,
  commissionChangesResponseFor,
  getDetailsResponseSchema,
  pingResponseSchema,
  setOfferGoalsResponseSchema,
  statusResponseSchema,
  type ActivateOfferParams,
  type AddCommissionChangeParams,
  type AddOfferParams,
  type AffiliateSearchParams,
  type EditOfferParams,
  type GetDetailsParams,
  type PauseOfferParams,
  type SetCommissionChangePayoutsParams,
  type SetOfferGoalsParams,
} from './wire/index.js';
import { returnColumnsFor } from './wire/detail-columns.js';

/**
 * What get_details is asked for when the caller names no columns: every field the record schema
 * reads, by its documented `return_columns` name. A server that ignores the list answers every
 * column, under either spelling; both are read.
 */
export const DETAIL_COLUMNS = returnColumnsFor(Object.keys(offeritOfferSchema.shape));

/** get_details lookup: `offerid` may also be given as a list (sent as a comma list). */
export type GetDetailsQuery = Omit<GetDetailsParams, 'offerid'> & {
  offerid?: string | number | readonly (string | number)[];
};

export interface OfferitClient {
  readonly platform: 'offerit';
  ping(): Promise<void>;
  addOffer(
    params: AddOfferParams,
  ): Promise<{ offerid: string; landing_pageid?: string | undefined }>;
  /** Returns the platform's status text (`"offer_saved"`). */
  editOffer(params: EditOfferParams): Promise<string>;
  pauseOffer(params: PauseOfferParams): Promise<string>;
  activateOffer(params: ActivateOfferParams): Promise<string>;
  /**
   * Offers matching one lookup key; goals carry their `offerid`. A 404 is an install without
   * get_details (PROTOCOL, see `get-details-missing.ts`), never "no offers".
   */
  getDetails(query: GetDetailsQuery): Promise<OfferitOffer[]>;
  /** Returns every goal of the offer after the change. */
  setOfferGoals(params: SetOfferGoalsParams): Promise<OfferitGoal[]>;
  addCommissionChange(params: AddCommissionChangeParams): Promise<{ changeid: string }>;
  /** Every change of the offer, default ones (changeid 0) included, normalised. */
  getCommissionChanges(params: { offerid: string | number }): Promise<OfferitCommissionChange[]>;
  setCommissionChangePayouts(params: SetCommissionChangePayoutsParams): Promise<string>;
  /** Affiliates matching the filters, without password hashes or API keys. */
  searchAffiliates(params?: AffiliateSearchParams): Promise<OfferitAffiliate[]>;
  /** Every offer, by id windows (see `OfferWindowOptions`; defaults from config). */
  iterateOffers(options?: Partial<OfferWindowOptions>): AsyncIterable<OfferitOffer>;
  iterateAffiliates(options?: AffiliatePageOptions): AsyncIterable<OfferitAffiliate>;
}

export function createOfferitClient(
  config: OfferitConfig,
  hooks?: RequestHooks,
  logger?: Logger,
): OfferitClient {
  const transport = createOfferitTransport(config, hooks, logger);
  const params = (value: object) => value as OfferitParams;

  const client: OfferitClient = {
    platform: 'offerit',
    async ping() {
      await transport.call('GET', 'service/ping', {}, pingResponseSchema);
    },
    addOffer: (input) =>
      transport.call('POST', 'offer/add_offer', params(input), addOfferResponseSchema),
    editOffer: (input) =>
      transport.call('PATCH', 'offer/edit_offer', params(input), statusResponseSchema),
    pauseOffer: (input) =>
      transport.call('PATCH', 'offer/pause_offer', params(input), statusResponseSchema),
    activateOffer: (input) =>
      transport.call('PATCH', 'offer/activate_offer', params(input), statusResponseSchema),
    async getDetails(query) {
      const offerid = Array.isArray(query.offerid)
        ? query.offerid.join(',')
        : (query.offerid as string | undefined);
      const offers = await transport
        .call(
          'GET',
          'offer/get_details',
          params({ return_columns: DETAIL_COLUMNS, ...query, offerid }),
          getDetailsResponseSchema,
        )
        .catch((error: unknown) => {
          if (isPlatformError(error) && error.code === 'NOT_FOUND') throw getDetailsMissing(error);
          throw error;
        });
      return offers.map((offer) =>
        offer.goals
          ? { ...offer, goals: offer.goals.map((goal) => ({ ...goal, offerid: offer.offerid })) }
          : offer,
      );
    },
    async setOfferGoals(input) {
      const goals = await transport.call(
        'PATCH',
        'offer/set_offer_goals',
        params(input),
        setOfferGoalsResponseSchema,
      );
      return goals.map((goal) => ({ ...goal, offerid: String(input.offerid) }));
    },
    addCommissionChange: (input) =>
      transport.call(
        'POST',
        'offer/add_commission_change',
        params(input),
        addCommissionChangeResponseSchema,
      ),
    async getCommissionChanges({ offerid }) {
      return transport.call(
        'GET',
        'offer/get_commission_changes',
        { offerid },
        commissionChangesResponseFor(String(offerid)),
      );
    },
    setCommissionChangePayouts: (input) =>
      transport.call(
        'PATCH',
        'offer/set_commission_change_payouts',
        params(input),
        statusResponseSchema,
      ),
    searchAffiliates: (input = {}) =>
      transport.call('GET', 'affiliate/search', params(input), affiliateSearchResponseSchema, {
        bare: true,
      }),
    iterateOffers(options = {}) {
      return walkOfferWindows((ids) => client.getDetails({ offerid: ids }), {
        windowSize: config.windowSize,
        maxOfferId: config.maxOfferId,
        emptyWindows: config.emptyWindows,
        ...options,
      });
    },
    iterateAffiliates(options = {}) {
      return walkAffiliatePages((start, count) => client.searchAffiliates({ start, count }), {
        pageSize: config.windowSize,
        ...options,
      });
    },
  };
  return client;
}
