// The simulated network's memory: offers, their events, affiliate payouts, affiliates, and the
// id counters. Ids are assigned like the platform does: offers and payouts auto-increment; every
// offer's base event is id 1; other events take ids from 2 up, unique across the network.
import type {
  StoredAffiliate,
  StoredEvent,
  StoredGeo,
  StoredOffer,
  StoredPayout,
} from './model.js';
import { notFound } from './http-error.js';

export interface StoreOptions {
  /** The clock, in milliseconds since the epoch. @defaultValue Date.now */
  now?: () => number;
  /**
   * The network's time zone for affiliate tier dates, in minutes east of UTC.
   * @defaultValue 0 (UTC); seed 002's answer corresponds to 480
   */
  tierUtcOffsetMinutes?: number;
}

export class OfferslookStore {
  readonly offers = new Map<number, StoredOffer>();
  readonly geos = new Map<number, StoredGeo>();
  /** offer id -> event id -> event. */
  readonly events = new Map<number, Map<number, StoredEvent>>();
  readonly payouts = new Map<number, StoredPayout>();
  readonly affiliates = new Map<number, StoredAffiliate>();
  readonly tierUtcOffsetMinutes: number;
  private readonly now: () => number;
  private nextOfferId = 1;
  private nextEventId = 2;
  private nextPayoutId = 1;

  constructor(options: StoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tierUtcOffsetMinutes = options.tierUtcOffsetMinutes ?? 0;
  }

  /** Unix seconds. */
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  clear(): void {
    this.offers.clear();
    this.geos.clear();
    this.events.clear();
    this.payouts.clear();
    this.affiliates.clear();
    this.nextOfferId = 1;
    this.nextEventId = 2;
    this.nextPayoutId = 1;
  }

  /** The next offer id, or `wanted` (then later ids continue after it). */
  offerId(wanted?: number): number {
    const id = wanted ?? this.nextOfferId;
    this.nextOfferId = Math.max(this.nextOfferId, id + 1);
    return id;
  }

  eventId(wanted?: number): number {
    const id = wanted ?? this.nextEventId;
    if (id !== 1) this.nextEventId = Math.max(this.nextEventId, id + 1);
    return id;
  }

  payoutId(wanted?: number): number {
    const id = wanted ?? this.nextPayoutId;
    this.nextPayoutId = Math.max(this.nextPayoutId, id + 1);
    return id;
  }

  offer(id: number): StoredOffer {
    const offer = this.offers.get(id);
    if (!offer) throw notFound(`Offer ${id}`);
    return offer;
  }

  eventsOf(offerId: number): Map<number, StoredEvent> {
    let events = this.events.get(offerId);
    if (!events) {
      events = new Map();
      this.events.set(offerId, events);
    }
    return events;
  }

  event(offerId: number, eventId: number): StoredEvent {
    this.offer(offerId);
    const event = this.events.get(offerId)?.get(eventId);
    if (!event) throw notFound(`Offer event ${eventId} of offer ${offerId}`);
    return event;
  }

  payout(id: number): StoredPayout {
    const payout = this.payouts.get(id);
    if (!payout) throw notFound(`Affiliate payout ${id}`);
    return payout;
  }
}
