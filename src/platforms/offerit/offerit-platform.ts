// The Offerit side of the PlatformClient port. Offers are get_details records (create =
// add_offer, update = edit_offer, retire = pause_offer); goals live on their offer and are
// written with set_offer_goals; commissions are normalised commission changes (create =
// add_commission_change, update = set_commission_change_payouts, retire = payouts to 0: there is
// no delete); affiliates are read-only (affiliate/search).
import type { EntityKey, EntityKind, PlatformRecord } from '../entities.js';
import { PlatformError, isPlatformError } from '../errors.js';
import type { ListOptions, PlatformClient } from '../platform-client.js';
import type { OfferitClient } from './client.js';
import {
  offeritCommissionPayoutFields,
  type OfferitCommissionChange,
  type OfferitOffer,
} from './records.js';
import { commissionParams, goalVars, offerParams, refuse } from './record-params.js';
import { commissionPayoutUpdate } from './commission-update.js';

export function createOfferitPlatform(client: OfferitClient): PlatformClient {
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

  async function* goalsOf(offers: AsyncIterable<OfferitOffer> | OfferitOffer[]) {
    for await (const offer of offers) yield* offer.goals ?? [];
  }

  async function* changesOf(offers: AsyncIterable<OfferitOffer> | OfferitOffer[]) {
    for await (const offer of offers) {
      const changes =
        (await orUndefined(client.getCommissionChanges({ offerid: offer.offerid }))) ?? [];
      // Change Id 0 rows are the offer's and each goal's own pricing, carried by offer and goal records.
      yield* changes.filter((change) => change.changeid !== '0');
    }
  }

  async function offersFor(
    options: ListOptions,
  ): Promise<OfferitOffer[] | AsyncIterable<OfferitOffer>> {
    if (options.offerId === undefined) return client.iterateOffers();
    const offer = await getOffer(options.offerId);
    return offer ? [offer] : [];
  }

  return {
    platform: 'offerit',
    ping: () => client.ping(),

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
          return (await client.searchAffiliates({ loginid: key.id })).find(
            (affiliate) => affiliate.loginid === key.id,
          );
      }
    },

    async *list(kind: EntityKind, options: ListOptions = {}): AsyncIterable<PlatformRecord> {
      if (kind === 'offer') yield* await offersFor(options);
      else if (kind === 'goal') yield* goalsOf(await offersFor(options));
      else if (kind === 'commission') yield* changesOf(await offersFor(options));
      else yield* client.iterateAffiliates();
    },

    keyOf(kind, record) {
      const field = {
        offer: 'offerid',
        goal: 'offer_goal_id',
        commission: 'changeid',
        affiliate: 'loginid',
      }[kind];
      const id = textOf(record[field]);
      const offerId = textOf(record.offerid);
      if (
        id === undefined ||
        ((kind === 'goal' || kind === 'commission') && offerId === undefined)
      ) {
        throw new Error(
          `offerit ${kind} record has no ${field}${kind === 'offer' || kind === 'affiliate' ? '' : ' or offerid'}`,
        );
      }
      return kind === 'goal' || kind === 'commission' ? { kind, offerId, id } : { kind, id };
    },

    async create(kind, record, options = {}) {
      if (kind === 'offer') {
        const created = await client.addOffer(offerParams(record, 'create') as never);
        if (textOf(record.active) === '0') await client.pauseOffer({ offerid: created.offerid });
        return { kind, id: created.offerid };
      }
      if (kind === 'affiliate') throw readOnlyAffiliates('create');
      const offerid = options.offerId ?? textOf(record.offerid);
      if (offerid === undefined) throw new Error(`offerit ${kind}: create needs an offerId`);
      if (kind === 'goal') return { kind, offerId: offerid, id: await createGoal(offerid, record) };
      const { changeid } = await client.addCommissionChange(
        commissionParams(record, offerid) as never,
      );
      return { kind, offerId: offerid, id: changeid };
    },

    async update(key, changes) {
      if (key.kind === 'offer') {
        const { active, ...fields } = changes;
        const params = offerParams(fields, 'update');
        if (Object.keys(params).length > 0) await client.editOffer({ ...params, offerid: key.id });
        const wanted = textOf(active);
        if (wanted === '0') await client.pauseOffer({ offerid: key.id });
        if (wanted === '1') await client.activateOffer({ offerid: key.id });
      } else if (key.kind === 'goal') {
        const vars = goalVars(changes, 'update');
        await client.setOfferGoals({
          offerid: offerIdOf(key),
          goal_vars: [{ ...vars, offer_goal_id: key.id }] as never,
        });
      } else if (key.kind === 'commission') {
        const current = await getChange(offerIdOf(key), key.id);
        if (!current) throw missing(key);
        await client.setCommissionChangePayouts(commissionPayoutUpdate(current, changes));
      } else {
        throw readOnlyAffiliates('update');
      }
    },

    async retire(key) {
      if (key.kind === 'offer') {
        await client.pauseOffer({ offerid: key.id });
      } else if (key.kind === 'goal') {
        // Goals have no status: retiring one stops paying affiliates for it.
        await client.setOfferGoals({
          offerid: offerIdOf(key),
          goal_vars: [{ offer_goal_id: key.id, amount: '0' }],
        });
      } else if (key.kind === 'commission') {
        const current = await getChange(offerIdOf(key), key.id);
        if (!current) throw missing(key);
        const zeros = Object.fromEntries(
          offeritCommissionPayoutFields.map((field) => [field, '0']),
        );
        await client.setCommissionChangePayouts(commissionPayoutUpdate(current, zeros));
      } else {
        throw readOnlyAffiliates('retire');
      }
    },
  };

  async function createGoal(offerid: string, record: PlatformRecord): Promise<string> {
    const before = await getOffer(offerid);
    if (!before) throw missing({ kind: 'offer', id: offerid });
    const known = new Set((before.goals ?? []).map((goal) => goal.offer_goal_id));
    const after = await client.setOfferGoals({
      offerid,
      goal_vars: [goalVars(record, 'create')] as never,
    });
    const added = after.filter((goal) => !known.has(goal.offer_goal_id));
    if (added.length !== 1) {
      throw new PlatformError(
        'PROTOCOL',
        `offerit set_offer_goals: expected one new goal, found ${added.length}`,
        {
          platform: 'offerit',
          operation: 'PATCH /offer/set_offer_goals',
        },
      );
    }
    return added[0]!.offer_goal_id;
  }
}

/** A NOT_FOUND from the platform reads as "no such entity". */
async function orUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isPlatformError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

function offerIdOf(key: EntityKey): string {
  if (key.offerId === undefined)
    throw new Error(`offerit ${key.kind} key ${key.id} has no offerId`);
  return key.offerId;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function missing(key: EntityKey): PlatformError {
  return new PlatformError(
    'NOT_FOUND',
    `offerit ${key.kind} ${key.offerId ? `${key.offerId}/` : ''}${key.id} not found`,
    {
      platform: 'offerit',
    },
  );
}

function readOnlyAffiliates(action: string): PlatformError {
  return refuse('affiliate', action, ['affiliate'], 'the API only searches affiliates');
}
