// The read side of the Offerit adapter: get, list and search over the client. Goals come from
// their offer's record; commission changes from get_commission_changes per offer.
import type { EntityKey, EntityKind, PlatformRecord } from '../entities.js';
import { isPlatformError } from '../errors.js';
import type { ListOptions } from '../platform-client.js';
import type { OfferitClient } from './client.js';
import type { OfferitAffiliate, OfferitCommissionChange, OfferitOffer } from './records.js';
import { scalarText } from './record-params.js';

type Offers = OfferitOffer[] | AsyncIterable<OfferitOffer>;

export interface OfferitReads {
  getOffer: (id: string) => Promise<OfferitOffer | undefined>;
  getChange: (offerId: string, id: string) => Promise<OfferitCommissionChange | undefined>;
  get: (key: EntityKey) => Promise<PlatformRecord | undefined>;
  list: (kind: EntityKind, options?: ListOptions) => AsyncIterable<PlatformRecord>;
  search: (
    kind: EntityKind,
    match: PlatformRecord,
    options?: ListOptions,
  ) => AsyncIterable<PlatformRecord>;
}

export function createOfferitReads(client: OfferitClient): OfferitReads {
  async function getOffer(id: string): Promise<OfferitOffer | undefined> {
    const offers = await orUndefined(client.getDetails({ offerid: id }));
    return offers?.find((offer) => offer.offerid === id);
  }

  async function getChange(
    offerId: string,
    id: string,
  ): Promise<OfferitCommissionChange | undefined> {
    const changes = await orUndefined(client.getCommissionChanges({ offerid: offerId }));
    return changes?.find(
      (change) => change.changeid === id && (id !== '0' || change.goalid === '0'),
    );
  }

  async function getAffiliate(loginid: string): Promise<OfferitAffiliate | undefined> {
    const found = await client.searchAffiliates({ loginid });
    return found.find((affiliate) => affiliate.loginid === loginid);
  }

  async function offersFor(offerId: string | undefined): Promise<Offers> {
    if (offerId === undefined) return client.iterateOffers();
    const offer = await getOffer(offerId);
    return offer ? [offer] : [];
  }

  async function* goalsOf(offers: Offers) {
    for await (const offer of offers) yield* offer.goals ?? [];
  }

  async function* changesOf(offers: Offers) {
    for await (const offer of offers) {
      const changes =
        (await orUndefined(client.getCommissionChanges({ offerid: offer.offerid }))) ?? [];
      // Change Id 0 rows are the offer's and each goal's own pricing, carried by offer and goal records.
      yield* changes.filter((change) => change.changeid !== '0');
    }
  }

  async function* list(kind: EntityKind, options: ListOptions = {}): AsyncIterable<PlatformRecord> {
    if (kind === 'offer') yield* await offersFor(options.offerId);
    else if (kind === 'goal') yield* goalsOf(await offersFor(options.offerId));
    else if (kind === 'commission') yield* changesOf(await offersFor(options.offerId));
    else yield* client.iterateAffiliates();
  }

  return {
    getOffer,
    getChange,
    async get(key) {
      switch (key.kind) {
        case 'offer':
          return getOffer(key.id);
        case 'goal':
          return (await getOffer(offerIdOf(key)))?.goals?.find(
            (goal) => goal.offer_goal_id === key.id,
          );
        case 'commission':
          return getChange(offerIdOf(key), key.id);
        case 'affiliate':
          return getAffiliate(key.id);
      }
    },
    list,
    /** Narrows by what get_details and affiliate/search can filter on; a superset otherwise. */
    async *search(kind, match, options = {}) {
      const offerid = scalarText(match.offerid);
      if (kind === 'offer') {
        const name = scalarText(match.name);
        if (offerid !== undefined) yield* await offersFor(offerid);
        else if (name !== undefined) yield* await client.getDetails({ name });
        else yield* list(kind, options);
      } else if (kind === 'goal' || kind === 'commission') {
        yield* list(kind, { ...options, offerId: offerid ?? options.offerId });
      } else {
        const loginid = scalarText(match.loginid);
        const email = scalarText(match.email);
        const username = scalarText(match.username);
        if (loginid !== undefined) {
          const affiliate = await getAffiliate(loginid);
          if (affiliate) yield affiliate;
        } else if (email !== undefined) yield* await client.searchAffiliates({ email });
        else if (username !== undefined) yield* await client.searchAffiliates({ username });
        else yield* list(kind, options);
      }
    },
  };
}

/** A NOT_FOUND from the platform reads as "no such entity". */
export async function orUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isPlatformError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

export function offerIdOf(key: EntityKey): string {
  if (key.offerId === undefined)
    throw new Error(`offerit ${key.kind} key ${key.id} has no offerId`);
  return key.offerId;
}
