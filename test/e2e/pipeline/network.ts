// Sandbox seeds for the pipeline tests: the sample network, with the affiliates lined up so
// per-affiliate commissions have twins both ways (affiliates match by e-mail), and an extra
// Offerslook event; plus generated offers for the batch, limit and failure tests.
import { readFileSync } from 'node:fs';
import type { OfferitFixtures, OfferitSandbox } from '../../../src/sandbox/offerit/index.js';
import type {
  OfferslookFixtures,
  OfferslookSandbox,
} from '../../../src/sandbox/offerslook/index.js';
import type { NetworkFixtures } from '../../helpers/pipeline-harness.js';

interface SampleOfferit extends OfferitFixtures {
  offers: NonNullable<OfferitFixtures['offers']>;
  affiliates: NonNullable<OfferitFixtures['affiliates']>;
}
interface SampleOfferslook extends OfferslookFixtures {
  affiliates: NonNullable<OfferslookFixtures['affiliates']>;
  events: NonNullable<OfferslookFixtures['events']>;
}

function sample<T>(platform: string): T {
  const url = new URL(`../../fixtures/${platform}/sample.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/**
 * The sample network where Offerit affiliate 3 (anna@adsworks.example) is Offerslook affiliate
 * 210, and Offerslook affiliate 201 (alice@example.com, written in another case) is Offerit 20.
 * Offerslook offer 501 gets a goal-like event 3 beside its base event.
 */
export function linkedSampleNetwork(): Required<NetworkFixtures> {
  const offerit = sample<SampleOfferit>('offerit');
  const offerslook = sample<SampleOfferslook>('offerslook');
  offerit.affiliates.push({ loginid: '20', username: 'alice_archer', email: 'Alice@Example.com' });
  offerslook.affiliates.push({
    id: 210,
    first_name: 'Anna',
    last_name: 'Keller',
    email: 'anna@adsworks.example',
  });
  offerslook.events.push({
    offer_id: 501,
    id: 3,
    name: 'Upsell',
    payout_type: 'CPA',
    payout: '2.00',
    revenue_type: 'RPA',
    revenue: '3.00',
    status: 'active',
  });
  return { offerit, offerslook };
}

/** First id of generated Offerit offers. */
export const FIRST_BULK_OFFER = 1000;

/** `count` plain CPA offers on Offerit (ids from 1000), nothing on Offerslook. */
export function bulkOffers(count: number): Required<NetworkFixtures> {
  const offers = Array.from({ length: count }, (_, index) => {
    const id = FIRST_BULK_OFFER + index;
    return {
      offerid: String(id),
      name: bulkName(id),
      url: `https://bulk.example.com/${id}?c=%%click_hash%%`,
      commission_type: 'cpa',
      flat_amount_per_conversion: `${1 + (index % 7)}.25`,
      advertiserid: '1',
      advertiser_cost_type: 'conversion',
      advertiser_cost_flat: `${2 + (index % 5)}.10`,
      conversion_type: 'post',
    };
  });
  return { offerit: { offers }, offerslook: {} };
}

export function bulkName(offerId: number): string {
  return `Bulk offer ${offerId}`;
}

/** The ids of the generated offers. */
export function bulkIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => String(FIRST_BULK_OFFER + index));
}

/** Offers on the Offerslook sandbox with this name: a twin must exist exactly once. */
export function offerslookOffersNamed(sandbox: OfferslookSandbox, name: string): number[] {
  return [...sandbox.state.store.offers.values()]
    .filter((offer) => offer.name === name)
    .map((offer) => offer.id);
}

/** Offers on the Offerit sandbox with this name. */
export function offeritOffersNamed(sandbox: OfferitSandbox, name: string): string[] {
  return [...sandbox.state.offers.values()]
    .filter((offer) => offer.fields.name === name)
    .map((offer) => offer.offerid);
}
