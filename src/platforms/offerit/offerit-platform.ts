// The Offerit side of the PlatformClient port. Offers are get_details records (create =
// add_offer, update = edit_offer, retire = pause_offer); goals live on their offer and are
// written with set_offer_goals; commissions are normalised commission changes (create =
// add_commission_change, update = set_commission_change_payouts, retire = payouts to 0: there is
// no delete); affiliates are read-only (affiliate/search). Writes return `{ key }` only, except
// goals: set_offer_goals answers every goal of the offer, so the written goal's view comes with
// it. Nothing is read back just to fill `record`: requests are the scarce resource.
import type { EntityKey, PlatformRecord } from '../../vocabulary/index.js';
import { PlatformError } from '../errors.js';
import type { PlatformClient } from '../platform-client.js';
import type { OfferitClient } from './client.js';
import {
  offeritCommissionChangeSchema,
  offeritCommissionPayoutFields,
  type OfferitCommissionChange,
  type OfferitGoal,
} from './records.js';
import { createOfferitReads, offerIdOf } from './platform-reads.js';
import { commissionParams, goalVars, offerParams, refuse } from './record-params.js';
import { commissionPayoutUpdate } from './commission-update.js';

export interface OfferitPlatformOptions {
  /**
   * The network-wide goal definition (`goal_id`) given to goals created from a record without
   * one, such as an Offerslook offer event (the goal mapping ignores goal_id). Offerit needs one
   * to attach a goal to an offer. @defaultValue '1'
   */
  defaultGoalId?: string;
}

export function createOfferitPlatform(
  client: OfferitClient,
  options: OfferitPlatformOptions = {},
): PlatformClient {
  const defaultGoalId = options.defaultGoalId ?? '1';
  const reads = createOfferitReads(client);
  const { getOfferRecord, getChange } = reads;

  return {
    platform: 'offerit',
    async ping() {
      await client.ping();
      // get_details for one id and one column: an install without get_details (before mid-2020)
      // is reported here, by doctor, rather than half-way through a reconcile.
      await client.getDetails({ offerid: '1', return_columns: 'offerid' });
    },

    get: (key) => reads.get(key),
    list: (kind, options) => reads.list(kind, options),
    search: (kind, match, options) => reads.search(kind, match, options),

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
        await options.created?.({ kind, id: created.offerid });
        if (textOf(record.active) === '0') await client.pauseOffer(pause(created.offerid, record));
        return { key: { kind, id: created.offerid } };
      }
      if (kind === 'affiliate') throw readOnlyAffiliates('create');
      const offerid = options.offerId ?? textOf(record.offerid);
      if (offerid === undefined) throw new Error(`offerit ${kind}: create needs an offerId`);
      if (kind === 'goal') {
        const goal = await createGoal(offerid, record);
        return { key: { kind, offerId: offerid, id: goal.offer_goal_id }, record: goal };
      }
      const { changeid } = await client.addCommissionChange(
        commissionParams(record, offerid) as never,
      );
      return { key: { kind, offerId: offerid, id: changeid } };
    },

    async update(key, changes, current) {
      if (key.kind === 'offer') {
        const { active, ...fields } = changes;
        const params = offerParams(fields, 'update');
        const wanted = textOf(active);
        // Activating clears the expiry and pausing sets it: order the calls so that a
        // date_expire among the changes is what stays.
        if (wanted === '1') await client.activateOffer({ offerid: key.id });
        if (Object.keys(params).length > 0) await client.editOffer({ ...params, offerid: key.id });
        if (wanted === '0') await client.pauseOffer(pause(key.id, changes));
      } else if (key.kind === 'goal') {
        const vars = goalVars(changes, 'update');
        const goals = await client.setOfferGoals({
          offerid: offerIdOf(key),
          goal_vars: [{ ...vars, offer_goal_id: key.id }] as never,
        });
        const goal = goals.find((candidate) => candidate.offer_goal_id === key.id);
        return goal ? { key, record: goal } : { key };
      } else if (key.kind === 'commission') {
        const change = changeOf(key, current) ?? (await getChange(offerIdOf(key), key.id));
        if (!change) throw missing(key);
        await client.setCommissionChangePayouts(commissionPayoutUpdate(change, changes));
      } else {
        throw readOnlyAffiliates('update');
      }
      return { key };
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

  async function createGoal(offerid: string, record: PlatformRecord): Promise<OfferitGoal> {
    const before = await getOfferRecord(offerid);
    if (!before) throw missing({ kind: 'offer', id: offerid });
    const known = new Set((before.goals ?? []).map((goal) => goal.offer_goal_id));
    const after = await client.setOfferGoals({
      offerid,
      goal_vars: [goalVars(record, 'create', defaultGoalId)] as never,
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
    return added[0]!;
  }
}

/**
 * The caller's `current` record of the change at `key`, when it is one: it saves the
 * get_commission_changes read. Anything else (another change, a record of the wrong shape) is
 * ignored and the change is read.
 */
function changeOf(
  key: EntityKey,
  current: PlatformRecord | undefined,
): OfferitCommissionChange | undefined {
  if (current === undefined) return undefined;
  const parsed = offeritCommissionChangeSchema.safeParse(current);
  if (!parsed.success) return undefined;
  const change = parsed.data;
  const same =
    change.changeid === key.id &&
    change.offerid === key.offerId &&
    (key.id !== '0' || change.goalid === '0');
  return same ? change : undefined;
}

/** pause_offer for `offerid`, keeping the record's own date_expire when it has one. */
function pause(offerid: string, record: PlatformRecord): { offerid: string; date_expire?: string } {
  const dateExpire = textOf(record.date_expire);
  return dateExpire ? { offerid, date_expire: dateExpire } : { offerid };
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
