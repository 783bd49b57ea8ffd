// Builds sandbox seeds for a whole network on each platform: offers with goals and per-affiliate
// commission changes on Offerit, offers with events and affiliate payouts on Offerslook, and the
// same affiliates on both (matched by e-mail). Deterministic: the same options give the same seed.
import type { OfferitFixtures } from '../../../src/sandbox/offerit/index.js';
import type { OfferslookFixtures } from '../../../src/sandbox/offerslook/index.js';

export interface NetworkOptions {
  /** Offers on Offerit (ids from 1000 up, one id window per 100). */
  offeritOffers: number;
  /** Offers on Offerslook (ids from 5000 up). @defaultValue 0 */
  offerslookOffers?: number;
  /** Every n-th offer has a goal (Offerit) or an extra event (Offerslook). @defaultValue 2 */
  goalEvery?: number;
  /** Every n-th offer has a per-affiliate commission change / affiliate payout. @defaultValue 2 */
  commissionEvery?: number;
  /** Affiliates on each side. @defaultValue 20 */
  affiliates?: number;
}

/** Offerit advertiser ids 1..3 are Offerslook's 11..13. */
export const ADVERTISER_MAP = '1:11,2:12,3:13';
export const FIRST_OFFERIT_OFFER = 1000;
export const FIRST_OFFERSLOOK_OFFER = 5000;

export interface Network {
  offerit: OfferitFixtures;
  offerslook: OfferslookFixtures;
  /** How many goals and commissions each side was given. */
  counts: {
    offerit: { offers: number; goals: number; commissions: number };
    offerslook: { offers: number; goals: number; commissions: number };
  };
}

const PRICING = [
  { commission: 'cpa', payout: 'CPA', cost: 'conversion', revenue: 'RPA' },
  { commission: 'cps', payout: 'CPS', cost: 'sale', revenue: 'RPS' },
  { commission: 'click', payout: 'CPC', cost: 'click', revenue: 'RPC' },
] as const;

/** A decimal string from an integer number of cents: exact, never a float. */
export function cents(value: number): string {
  return `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

export function buildNetwork(options: NetworkOptions): Network {
  const goalEvery = options.goalEvery ?? 2;
  const commissionEvery = options.commissionEvery ?? 2;
  const affiliateCount = options.affiliates ?? 20;
  const offerit: Required<Pick<OfferitFixtures, 'offers' | 'affiliates' | 'commissionChanges'>> = {
    offers: [],
    affiliates: [],
    commissionChanges: [],
  };
  const offerslook: Required<
    Pick<OfferslookFixtures, 'offers' | 'events' | 'affiliatePayouts' | 'affiliates'>
  > = { offers: [], events: [], affiliatePayouts: [], affiliates: [] };

  for (let index = 0; index < affiliateCount; index += 1) {
    const email = `affiliate${index}@partners.example`;
    offerit.affiliates.push({ loginid: String(100 + index), username: `aff${index}`, email });
    offerslook.affiliates.push({ id: 300 + index, first_name: `Aff${index}`, email });
  }

  let offeritGoals = 0;
  let goalId = 10_000;
  let changeId = 20_000;
  for (let index = 0; index < options.offeritOffers; index += 1) {
    const offerid = String(FIRST_OFFERIT_OFFER + index);
    const pricing = PRICING[index % PRICING.length]!;
    const amount = cents(100 + (index % 900));
    const goals =
      index % goalEvery === 0
        ? [
            {
              offer_goal_id: String((goalId += 1)),
              goal_id: '1',
              name: `Goal of ${offerid}`,
              commission_type: 'flat',
              amount: cents(50 + (index % 50)),
              revenue_type: 'conversion',
              revenue_amount: cents(80 + (index % 50)),
            },
          ]
        : [];
    offeritGoals += goals.length;
    offerit.offers.push({
      offerid,
      name: `Offerit offer ${offerid}`,
      offer_description: `Seeded offer ${offerid}`,
      url: `https://landing.example.com/${offerid}?click=%%click_hash%%`,
      preview_url: `https://landing.example.com/${offerid}`,
      commission_type: pricing.commission,
      ...(pricing.commission === 'click'
        ? { flat_amount_per_click: amount }
        : pricing.commission === 'cps'
          ? { percentage_of_customer_conversion: cents(1000 + (index % 20) * 100) }
          : { flat_amount_per_conversion: amount }),
      advertiserid: String(1 + (index % 3)),
      advertiser_cost_type: pricing.cost,
      ...(pricing.cost === 'sale'
        ? { advertiser_cost_perc: cents(3000) }
        : { advertiser_cost_flat: cents(200 + (index % 900)) }),
      conversion_type: (['post', 'image', 'iframe'] as const)[index % 3],
      ...(index % 4 === 0 ? { authorized: 'GB,DE' } : {}),
      goals,
    });
    // Offerslook takes no event on a CPC offer's payouts: click offers get none here.
    if (index % commissionEvery === 0 && pricing.commission !== 'click') {
      const onGoal = goals[0] !== undefined && index % (commissionEvery * 2) === 0;
      offerit.commissionChanges.push({
        offerid,
        changeid: String((changeId += 1)),
        type: 'standard',
        loginid: String(100 + (index % affiliateCount)),
        ...(onGoal ? { goalid: goals[0]!.offer_goal_id } : {}),
        flat_amount_per_conversion: cents(75 + (index % 100)),
      });
    }
  }

  let offerslookGoals = 0;
  let payoutId = 0;
  for (let index = 0; index < (options.offerslookOffers ?? 0); index += 1) {
    const id = FIRST_OFFERSLOOK_OFFER + index;
    const pricing = PRICING[index % 2]!; // CPA and CPS
    offerslook.offers.push({
      id,
      name: `Offerslook offer ${id}`,
      advertiser_id: 11 + (index % 3),
      status: 'active',
      offer_approval: 2,
      revenue_type: pricing.revenue,
      payout_type: pricing.payout,
      ...(pricing.payout === 'CPS'
        ? { percent_revenue: cents(4000), percent_payout: cents(2500) }
        : { revenue: cents(300 + index), payout: cents(200 + index) }),
      destination_url: `https://offers.example.net/${id}?cid={click_id}`,
      description: `Seeded Offerslook offer ${id}`,
      currency: 'USD',
    });
    if (index % goalEvery === 0) {
      offerslookGoals += 1;
      offerslook.events.push({
        offer_id: id,
        id: 2,
        name: `Event of ${id}`,
        revenue_type: 'RPA',
        revenue: cents(150),
        payout_type: 'CPA',
        payout: cents(100),
        status: 'active',
      });
    }
    if (index % commissionEvery === 0) {
      offerslook.affiliatePayouts.push({
        id: (payoutId += 1),
        offer_id: id,
        affiliate_id: 300 + (index % affiliateCount),
        event_id: 1,
        current_payout: pricing.payout === 'CPS' ? '-1' : cents(250 + index),
        percent_payout: pricing.payout === 'CPS' ? cents(3000) : '-1',
      });
    }
  }

  return {
    offerit,
    offerslook,
    counts: {
      offerit: {
        offers: offerit.offers.length,
        goals: offeritGoals,
        commissions: offerit.commissionChanges.length,
      },
      offerslook: {
        offers: offerslook.offers.length,
        goals: offerslookGoals,
        commissions: offerslook.affiliatePayouts.length,
      },
    },
  };
}
