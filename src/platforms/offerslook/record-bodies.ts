// Entity-view records -> request bodies. Ids the views hold as text go out as integers (as the
// seeds send them); amounts stay decimal strings (the contract lets them go as strings or
// numbers, and only text keeps them exact); fields the platform sets are left out; any other
// field is sent as is, so the platform, not this adapter, rejects what it does not know.
import { invalidRecord } from './adapter-support.js';
import { READ_ONLY_FIELDS, normalizeEvent } from './offer-view.js';
import {
  targetsOfView,
  type OfferslookCreateAffiliatePayoutBody,
  type OfferslookCreateOfferBody,
  type OfferslookCreateOfferEventBody,
  type OfferslookGeoRequest,
  type OfferslookUpdateOfferBody,
  type OfferslookUpdateOfferEventQuery,
} from './wire/index.js';

type Fields = Record<string, unknown>;

const ID_FIELDS = new Set([
  'advertiser_id',
  'offer_id',
  'affiliate_id',
  'event_id',
  'user_id',
  'tier_id',
]);

/** `"7"` -> `7` for id fields; everything else unchanged; read-only and undefined fields dropped. */
export function writable(record: Fields, drop: readonly string[] = []): Fields {
  const out: Fields = {};
  for (const [field, value] of Object.entries(record)) {
    if (value === undefined || READ_ONLY_FIELDS.has(field) || drop.includes(field)) continue;
    out[field] =
      ID_FIELDS.has(field) && typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : value;
  }
  return out;
}

/**
 * `offer_geo` goes out in Offerslook's own form (v2), a target per country: `{"target":[{"type":1,
 * "country":"US"}]}`. A view that kept targets it could not fold sends those back unchanged.
 */
export function offerGeoBody(geo: Fields | undefined): OfferslookGeoRequest | undefined {
  if (geo === undefined) return undefined;
  return {
    target: targetsOfView(geo).map(({ type, country, region, cities }) => ({
      type,
      country,
      ...(typeof region === 'string' ? { region } : {}),
      ...(typeof cities === 'string' || Array.isArray(cities)
        ? { cities: cities as string | string[] }
        : {}),
    })),
  };
}

export function createOfferBody(record: Fields): OfferslookCreateOfferBody {
  const geo = offerGeoBody(record.offer_geo as Fields | undefined);
  const offer = writable(record, ['offer_geo', 'base_event']);
  return (geo ? { offer, offer_geo: geo } : { offer }) as OfferslookCreateOfferBody;
}

export function updateOfferBody(offer: Fields, geo: Fields | undefined): OfferslookUpdateOfferBody {
  const body: Fields = {};
  if (Object.keys(offer).length > 0) body.offer = writable(offer);
  const geoBody = offerGeoBody(geo);
  if (geoBody) body.offer_geo = geoBody;
  return body;
}

export function eventBody(record: Fields): OfferslookCreateOfferEventBody {
  const event = writable(normalizeEvent(record), ['offer_id']);
  if (Array.isArray(event.offer_payout_tier)) {
    event.offer_payout_tier = (event.offer_payout_tier as Fields[]).map((tier) =>
      writable(tier, ['offer_id', 'event_id']),
    );
  }
  return event as OfferslookCreateOfferEventBody;
}

/**
 * The query parameters of an event PATCH (contract v2). Payout tiers have no query form: a change
 * of them is refused here, before any request, rather than sent where a server would drop it.
 */
export function eventQuery(record: Fields, operation: string): OfferslookUpdateOfferEventQuery {
  const event = writable(normalizeEvent(record), ['offer_id']);
  if ('offer_payout_tier' in event) {
    throw invalidRecord(
      operation,
      'offer_payout_tier: an event PATCH takes query parameters, which cannot carry payout tiers',
    );
  }
  return event;
}

export interface PayoutBodyOptions {
  /** The tier's `user_id` when the record has none. */
  tierUserId: number;
  /** Minutes east of UTC for turning unix tier times into dates. */
  tierUtcOffsetMinutes: number;
}

export function createPayoutBody(
  record: Fields,
  options: PayoutBodyOptions,
): OfferslookCreateAffiliatePayoutBody {
  const { affiliate_tier, ...payout } = record;
  const body: Fields = { affiliate_payout: writable(payout) };
  if (affiliate_tier !== undefined && affiliate_tier !== null) {
    const tier = affiliate_tier as Fields;
    const out = writable(tier, ['offer_id', 'affiliate_id']);
    out.user_id ??= options.tierUserId;
    out.time_interval_type ??= 0;
    for (const field of ['effective_time', 'expiration_time'] as const) {
      if (out[field] !== undefined) out[field] = tierDate(out[field], options.tierUtcOffsetMinutes);
    }
    const items = Array.isArray(tier.tier_item) ? (tier.tier_item as Fields[]) : [];
    out.tier_item = items.map((item) => writable(item, ['sort', 'range']));
    body.affiliate_tier = out;
  }
  return body as OfferslookCreateAffiliatePayoutBody;
}

/** Tier dates go out as `YYYY-MM-DD`; a unix time (as the platform answers) becomes its day. */
export function tierDate(value: unknown, utcOffsetMinutes = 0): unknown {
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : undefined;
  if (seconds === undefined) return value;
  return new Date((seconds + utcOffsetMinutes * 60) * 1000).toISOString().slice(0, 10);
}
