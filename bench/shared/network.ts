// Generated offers for the benches, deterministic by id: Offerit offers (the source of
// offerit->offerslook) and Offerslook offers (the source of offerslook->offerit), varied the way a
// network is: three pricing models, three conversion protocols (two of them not Offerslook's
// default, so their base event needs a PATCH when created there), hidden offers, country lists,
// paused offers. Offers only: no goals, no commission changes (the benches reconcile offers).
import type { OfferitFixtures } from '../../src/sandbox/offerit/index.js';
import type { OfferslookFixtures } from '../../src/sandbox/offerslook/index.js';

/** Offerit advertiser ids 1..3 are Offerslook's 11..13. */
export const ADVERTISER_MAP = '1:11,2:12,3:13';

type OfferitOffer = NonNullable<OfferitFixtures['offers']>[number];
type OfferslookOffer = NonNullable<OfferslookFixtures['offers']>[number];
type OfferslookEvent = NonNullable<OfferslookFixtures['events']>[number];

/** Which ids of `from`..`from + count - 1` a seed takes: all, or those with `id % every` in `keep`. */
export interface IdRange {
  from: number;
  count: number;
  every?: number;
  /** Remainders kept (`id % every`); the others are left out. */
  keep?: number[];
}

export function idsOf(range: IdRange): number[] {
  const ids: number[] = [];
  for (let id = range.from; id < range.from + range.count; id += 1) {
    if (range.every === undefined || (range.keep ?? []).includes(id % range.every)) ids.push(id);
  }
  return ids;
}

/**
 * A deterministic pick in 0..k-1 that does not follow the id's residues: new offers are every n-th
 * id, and they must vary as much as the rest. The high bits of a multiplicative hash.
 */
function pick(id: number, salt: number, k: number): number {
  return (Math.imul(id ^ salt, 0x9e3779b1) >>> 16) % k;
}

/** A decimal string from whole cents: exact, never a float. */
function cents(value: number): string {
  return `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

const PRICING = [
  { commission: 'cpa', cost: 'conversion' },
  { commission: 'cps', cost: 'sale' },
  { commission: 'click', cost: 'click' },
] as const;
const CONVERSION_TYPES = ['post', 'image', 'iframe'] as const;

export function offeritOffer(id: number): OfferitOffer {
  const pricing = PRICING[id % PRICING.length]!;
  const amount = cents(100 + (id % 900));
  return {
    offerid: String(id),
    name: `Offerit offer ${id}`,
    offer_description: `Generated offer ${id}`,
    url: `https://landing.example.com/${id}?click=%%click_hash%%`,
    preview_url: `https://landing.example.com/${id}`,
    commission_type: pricing.commission,
    ...(pricing.commission === 'click'
      ? { flat_amount_per_click: amount }
      : pricing.commission === 'cps'
        ? { percentage_of_customer_conversion: cents(1000 + (id % 20) * 100) }
        : { flat_amount_per_conversion: amount }),
    advertiserid: String(1 + (id % 3)),
    advertiser_cost_type: pricing.cost,
    ...(pricing.cost === 'sale'
      ? { advertiser_cost_perc: cents(3000) }
      : { advertiser_cost_flat: cents(200 + (id % 900)) }),
    conversion_type: CONVERSION_TYPES[pick(id, 1, 3)],
    ...(pick(id, 2, 10) === 0 ? { hidden: '1' } : {}),
    ...(pick(id, 3, 4) === 0 ? { authorized: 'GB,DE' } : {}),
    goals: [],
  };
}

export function offeritOffers(range: IdRange): Required<Pick<OfferitFixtures, 'offers'>> {
  return { offers: idsOf(range).map(offeritOffer) };
}

export function offerslookOffer(id: number): OfferslookOffer {
  const cps = id % 2 === 1;
  return {
    id,
    name: `Offerslook offer ${id}`,
    advertiser_id: 11 + (id % 3),
    status: pick(id, 4, 4) === 0 ? 'paused' : 'active',
    offer_approval: 2,
    revenue_type: cps ? 'RPS' : 'RPA',
    payout_type: cps ? 'CPS' : 'CPA',
    ...(cps
      ? { percent_revenue: cents(4000), percent_payout: cents(2500) }
      : { revenue: cents(300 + (id % 900)), payout: cents(200 + (id % 900)) }),
    destination_url: `https://offers.example.net/${id}?cid={click_id}`,
    description: `Generated Offerslook offer ${id}`,
    currency: 'USD',
  };
}

/** One Offerslook offer in five reports by image pixel: its base event says so. */
function offerslookBaseEvent(id: number): OfferslookEvent | undefined {
  return pick(id, 5, 5) === 0
    ? { offer_id: id, id: 1, name: `Offerslook offer ${id}`, conversion_protocol: 1 }
    : undefined;
}

export function offerslookOffers(
  range: IdRange,
): Required<Pick<OfferslookFixtures, 'offers' | 'events'>> {
  const ids = idsOf(range);
  return {
    offers: ids.map(offerslookOffer),
    events: ids.map(offerslookBaseEvent).filter((event) => event !== undefined),
  };
}

/** What the sandbox child seeds: generated offers of one platform. */
export interface SeedSpec {
  offerit?: IdRange;
  offerslook?: IdRange;
}
