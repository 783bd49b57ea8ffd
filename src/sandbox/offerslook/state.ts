// The sandbox's state as the runtime's control endpoints see it: seed from fixtures, reset,
// snapshot (in the fixtures' shape, so a snapshot can be seeded back).
import type { SandboxState } from '../common/index.js';
import { offerslookFixturesSchema, type OfferslookFixtures } from './fixtures.js';
import { geoFixture } from './geo.js';
import { parseOr422 } from './http-error.js';
import type { StoredEvent } from './model.js';
import { createPayout } from './operations/affiliate-payouts.js';
import { createEvent } from './operations/offer-events.js';
import { createOffer } from './operations/offers.js';
import { OfferslookStore, type StoreOptions } from './store.js';

export class OfferslookSandboxState implements SandboxState {
  readonly store: OfferslookStore;

  constructor(options: StoreOptions = {}) {
    this.store = new OfferslookStore(options);
  }

  reset(): void {
    this.store.clear();
  }

  /**
   * Adds the fixtures to the current state (affiliates, offers, events, then payouts), through the
   * same rules the API applies. Throws a 422 SandboxHttpError naming the first bad field.
   */
  seed(fixtures: unknown): void {
    const parsed = parseOr422(offerslookFixturesSchema, fixtures);
    const { store } = this;
    for (const affiliate of parsed.affiliates) store.affiliates.set(affiliate.id, { ...affiliate });
    for (const { id, offer_geo, create_time, update_time, ...offer } of parsed.offers) {
      createOffer(store, { offer, offer_geo }, { id, create_time, update_time });
    }
    for (const { offer_id, id, create_time, update_time, ...event } of parsed.events) {
      createEvent(store, offer_id, event, { id, create_time, update_time });
    }
    for (const { id, create_time, affiliate_tier, ...payout } of parsed.affiliatePayouts) {
      if (!affiliate_tier) {
        createPayout(store, { affiliate_payout: payout }, { id, create_time });
        continue;
      }
      // Tier dates come as YYYY-MM-DD (converted like a request) or as stored unix seconds.
      const { effective_time, expiration_time, create_time: tierCreated, ...tier } = affiliate_tier;
      const request = {
        ...tier,
        effective_time: asDate(effective_time),
        expiration_time: asDate(expiration_time),
      };
      const tierTimes = {
        create_time: tierCreated,
        effective_time: asUnix(effective_time),
        expiration_time: asUnix(expiration_time),
      };
      createPayout(
        store,
        { affiliate_payout: payout, affiliate_tier: request },
        { id, create_time, tierTimes },
      );
    }
  }

  snapshot(): Required<OfferslookFixtures> {
    const { store } = this;
    return {
      affiliates: [...store.affiliates.values()].map((affiliate) => ({ ...affiliate })),
      offers: [...store.offers.values()].map((offer) => {
        const geo = store.geos.get(offer.id);
        return { ...offer, ...(geo ? { offer_geo: geoFixture(geo) as never } : {}) };
      }),
      events: [...store.events.entries()].flatMap(([offerId, events]) =>
        [...events.values()].map((event) => eventFixture(offerId, event)),
      ),
      affiliatePayouts: [...store.payouts.values()].map(({ affiliate_tier, ...payout }) => ({
        ...payout,
        ...(affiliate_tier
          ? {
              affiliate_tier: {
                ...affiliate_tier,
                tier_item: affiliate_tier.tier_item.map((item) => ({ ...item })),
              },
            }
          : {}),
      })),
    };
  }
}

function eventFixture(
  offerId: number,
  event: StoredEvent,
): Required<OfferslookFixtures>['events'][number] {
  return {
    offer_id: offerId,
    ...event,
    offer_payout_tier: event.offer_payout_tier.map((tier) => ({ ...tier })),
  };
}

function asDate(value: string | number | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asUnix(value: string | number | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
