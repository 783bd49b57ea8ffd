// Sandbox seeds for the pipeline tests. network.json is the project's sample network cut down
// to what the tests use and lined up so per-affiliate commissions have twins both ways
// (affiliates match by e-mail): Offerit affiliate 3 (anna@adsworks.example) is Offerslook
// affiliate 210, Offerslook affiliate 201 (alice@example.com, written in another case) is
// Offerit 20; Offerslook offer 501 has an event 3 beside its base event. Kept here rather than
// read from test/fixtures/*/sample.json so the demo's sample can change without breaking these.
// Plus generated offers for the batch, limit and failure tests.
import { readFileSync } from 'node:fs';
import type { OfferitSandbox } from '../../../src/sandbox/offerit/index.js';
import type { OfferslookSandbox } from '../../../src/sandbox/offerslook/index.js';
import type { NetworkFixtures } from '../../helpers/pipeline-harness.js';

const NETWORK = readFileSync(new URL('./network.json', import.meta.url), 'utf8');

/** A fresh copy of the pipeline network (sandboxes keep what they are seeded with). */
export function pipelineNetwork(): Required<NetworkFixtures> {
  return JSON.parse(NETWORK) as Required<NetworkFixtures>;
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
