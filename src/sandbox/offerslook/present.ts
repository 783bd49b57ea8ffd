// What the answer switches change in an offer as it goes out (render.ts gives v1's shapes): the
// status's letter case, and the form of its times. Lists filter and sort the stored values first
// and present the page after, as a server formats what its query found.
import { dateTimeText } from '../../platforms/offerslook/wire/timestamps.js';
import { geoOut } from './geo.js';
import type { StoredGeo } from './model.js';
import type { OfferslookVariants } from './variants.js';

type Row = Record<string, unknown>;

/** v2 answers these as `YYYY-MM-DD HH:MM:SS` (UTC) where v1 answered unix seconds. */
const DATE_TIME_FIELDS = ['create_time', 'update_time'] as const;
/** v2 answers these as `null` when unset, where v1 left them out. */
const NULLABLE_DATES = ['start_date', 'end_date'] as const;

/** An offer (as render.ts writes it) the way the switches in force answer it. */
export function presentOffer(offer: Row, variants: Readonly<OfferslookVariants>): Row {
  const out: Row = { ...offer };
  if (variants.statusCase === 'capitalised' && typeof out.status === 'string')
    out.status = out.status.charAt(0).toUpperCase() + out.status.slice(1);
  if (variants.timestamps === 'date-time') {
    for (const field of DATE_TIME_FIELDS)
      if (typeof out[field] === 'number') out[field] = dateTimeText(out[field]);
    for (const field of NULLABLE_DATES) out[field] ??= null;
  }
  return out;
}

/** `offer_geo` of an answer, or nothing when the offer has none. */
export function presentGeo(
  geo: StoredGeo | undefined,
  variants: Readonly<OfferslookVariants>,
): Row | undefined {
  return geo === undefined ? undefined : geoOut(geo, variants.geoAnswer);
}
