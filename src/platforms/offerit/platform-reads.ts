// The read side of the Offerit adapter: get, list and search over the client. Offers are
// get_details records, with their payouts from the default commission change where get_details
// has none (`offer-payouts.ts`); goals come from their offer's record; commission changes from
// get_commission_changes per offer. Only NOT_FOUND reads as "absent": a get_details that is
// missing altogether is a PROTOCOL error and passes through.
import type { EntityKey, EntityKind, PlatformRecord } from '../../vocabulary/index.js';
import { isPlatformError } from '../errors.js';
import { mapBounded } from '../bounded-map.js';
import type { ListOptions } from '../platform-client.js';
import type { OfferitClient } from './client.js';
import type { OfferitAffiliate, OfferitCommissionChange, OfferitOffer } from './records.js';
import { scalarText } from './record-params.js';
import { withOfferPayouts } from './offer-payouts.js';

type Offers = OfferitOffer[] | AsyncIterable<OfferitOffer>;

export interface OfferitReads {
  /** The get_details record alone (goals included, payouts maybe not): for goal bookkeeping. */
  getOfferRecord: (id: string) => Promise<OfferitOffer | undefined>;
  /** The offer's entity view, payouts included. */
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

/** Offers turned into views together (one id window). */
const VIEW_BATCH = 100;
/** get_commission_changes requests in flight at once while listing. */
const PAYOUT_READS_AT_ONCE = 6;

export function createOfferitReads(client: OfferitClient): OfferitReads {
  async function getOfferRecord(id: string): Promise<OfferitOffer | undefined> {
    const offers = await orUndefined(client.getDetails({ offerid: id }));
    return offers?.find((offer) => offer.offerid === id);
  }

  const changesOfOffer = (offerid: string) => orUndefined(client.getCommissionChanges({ offerid }));
  const withPayouts = (offer: OfferitOffer) => withOfferPayouts(offer, changesOfOffer);

  async function getOffer(id: string): Promise<OfferitOffer | undefined> {
    const offer = await getOfferRecord(id);
    return offer && withPayouts(offer);
  }

  /**
   * Offers as entity views; one that vanished between two requests is left out. Where payouts
   * need a request of their own (get_commission_changes), a few run at once per id window: the
   * shared limiter alone sets the pace, round trips do not.
   */
  async function* viewsOf(offers: Offers): AsyncGenerator<OfferitOffer> {
    let batch: OfferitOffer[] = [];
    const flush = async () => {
      const views = await mapBounded(batch, PAYOUT_READS_AT_ONCE, withPayouts);
      batch = [];
      return views.filter((view) => view !== undefined);
    };
    for await (const offer of offers) {
      batch.push(offer);
      if (batch.length >= VIEW_BATCH) yield* await flush();
    }
    if (batch.length > 0) yield* await flush();
  }

  async function getChange(
    offerId: string,
    id: string,
  ): Promise<OfferitCommissionChange | undefined> {
    const changes = await changesOfOffer(offerId);
    return changes?.find(
      (change) => change.changeid === id && (id !== '0' || change.goalid === '0'),
    );
  }

  async function getAffiliate(loginid: string): Promise<OfferitAffiliate | undefined> {
    const found = await client.searchAffiliates({ loginid });
    return found.find((affiliate) => affiliate.loginid === loginid);
  }

  /** get_details records (payouts maybe missing): what goals and changes are listed from. */
  async function offersFor(offerId: string | undefined): Promise<Offers> {
    if (offerId === undefined) return client.iterateOffers();
    const offer = await getOfferRecord(offerId);
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
    if (kind === 'offer') yield* viewsOf(await offersFor(options.offerId));
    else if (kind === 'goal') yield* goalsOf(await offersFor(options.offerId));
    else if (kind === 'commission') yield* changesOf(await offersFor(options.offerId));
    else yield* client.iterateAffiliates();
  }

  return {
    getOfferRecord,
    getOffer,
    getChange,
    async get(key) {
      switch (key.kind) {
        case 'offer':
          return getOffer(key.id);
        case 'goal':
          return (await getOfferRecord(offerIdOf(key)))?.goals?.find(
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
        if (offerid !== undefined) yield* viewsOf(await offersFor(offerid));
        else if (name !== undefined) yield* viewsOf(await client.getDetails({ name }));
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
