// The views every read and every write's answer is turned into, one function per kind, so that
// the same platform state gives the same record (and content hash) whichever endpoint answered.
import type { PlatformRecord } from '../../vocabulary/index.js';
import { checked } from './adapter-support.js';
import type { WholeOffer } from './offer-reads.js';
import { baseEventOf, normalizeEvent, offerView } from './offer-view.js';
import { offerslookOfferEventSchema, offerslookOfferSchema } from './records.js';
import type { OfferslookOfferEventWire } from './wire/index.js';

/** The offer's view: the offer, its geo and its base event's settings. */
export function viewOfWholeOffer({ offer, geo, events }: WholeOffer): PlatformRecord {
  return checked(offerslookOfferSchema, offerView(offer, geo, baseEventOf(events)), 'offer');
}

/** A goal's view: an event other than event 1, in the request spelling, with its offer id. */
export function viewOfGoal(event: OfferslookOfferEventWire): PlatformRecord {
  return checked(offerslookOfferEventSchema, normalizeEvent(event), 'goal');
}
