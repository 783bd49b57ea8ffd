// The offer's own payouts (the six add_offer commission amounts). get_details documents no
// payout column by those names: its `commission`, `affiliate_payout`, `conversion` and
// `continuity` columns have no documented meaning, so they are never read as payouts. ASSUMED
// (contract v2): the offer's payouts are authoritative in get_commission_changes' default change
// (Change Id 0, the offer's row, goalid 0), whose payout keys are documented. So where a
// get_details record carries none of the six, they are taken from there: one more request, only
// for the offers that need it.
import {
  offeritCommissionPayoutFields,
  type OfferitCommissionChange,
  type OfferitOffer,
} from './records.js';

/** Whether the record carries any of the six payout columns (a v1-style get_details). */
export function hasPayoutColumns(offer: OfferitOffer): boolean {
  return offeritCommissionPayoutFields.some((field) => Object.hasOwn(offer, field));
}

/** The offer's default change (changeid 0, goalid 0) among the offer's changes. */
export function offerDefaultChange(
  changes: readonly OfferitCommissionChange[],
): OfferitCommissionChange | undefined {
  return changes.find((change) => change.changeid === '0' && change.goalid === '0');
}

/**
 * `offer` with its payouts, read from get_commission_changes when get_details left them out;
 * `undefined` when the offer is gone by then. A payout the default change leaves out stays
 * absent: "not set", never 0.
 */
export async function withOfferPayouts(
  offer: OfferitOffer,
  readChanges: (offerid: string) => Promise<OfferitCommissionChange[] | undefined>,
): Promise<OfferitOffer | undefined> {
  if (hasPayoutColumns(offer)) return offer;
  const changes = await readChanges(offer.offerid);
  if (changes === undefined) return undefined;
  const own = offerDefaultChange(changes);
  const payouts = Object.fromEntries(
    offeritCommissionPayoutFields
      .filter((field) => own?.[field] !== undefined)
      .map((field) => [field, own![field]]),
  );
  return { ...offer, ...payouts };
}
