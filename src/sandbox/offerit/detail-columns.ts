// get_details in the documented return_columns vocabulary (contract v2; docs.trackfinity.com
// offer-get-details, tmmwiki NATS_For_Networks_REST_Offer_Get_Details). Written out here rather
// than taken from the client's alias table, so that a mistake in one is caught by the other.
import { PAYOUT_FIELDS } from './model.js';

/** add_offer name → the documented column name. */
const DOCUMENTED_NAME: Readonly<Record<string, string>> = {
  advertiser_cost_type: 'cost_type',
  advertiser_cost_flat: 'cost_flat',
  advertiser_cost_perc: 'cost_perc',
  authorized: 'authorized_countries_iso',
};

/**
 * A get_details record (add_offer names) as a v2 network answers it: the documented names, no
 * add_offer payout column (the vocabulary has none; the payouts are in the default commission
 * change), and `advertiser_username` when the advertiser is known. Columns the visible part of
 * the vocabulary does not name (`commission_type`, `url`, ...) keep their add_offer names.
 */
export function inDocumentedColumns(
  record: Record<string, unknown>,
  advertiserUsername: string | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(record)) {
    if ((PAYOUT_FIELDS as readonly string[]).includes(column)) continue;
    out[Object.hasOwn(DOCUMENTED_NAME, column) ? DOCUMENTED_NAME[column]! : column] = value;
  }
  if (advertiserUsername !== undefined) out.advertiser_username = advertiserUsername;
  return out;
}
