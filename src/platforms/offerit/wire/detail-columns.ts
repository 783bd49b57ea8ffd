// get_details' column names. Its documented `return_columns` vocabulary (contract v2,
// docs.trackfinity.com offer-get-details) is not the add_offer vocabulary that records and mappings
// use: a few columns are spelled differently. This is the one table both spellings go through:
// requests ask by the documented name, records are read back under the add_offer name, whichever
// spelling the server answered with (a server that ignores `return_columns` may send either).

/** Documented `return_columns` name → the add_offer name records carry. */
export const DETAIL_COLUMN_ALIASES: Readonly<Record<string, string>> = {
  cost_type: 'advertiser_cost_type',
  cost_flat: 'advertiser_cost_flat',
  cost_perc: 'advertiser_cost_perc',
  /** ISO-2 codes; `authorized_countries` (not read) is the other, non-ISO spelling. */
  authorized_countries_iso: 'authorized',
};

// Maps, not object lookups: a column called `constructor` must not find Object.prototype's.
const ADD_OFFER_NAME = new Map(Object.entries(DETAIL_COLUMN_ALIASES));
const RETURN_COLUMN = new Map(
  Object.entries(DETAIL_COLUMN_ALIASES).map(([documented, addOffer]) => [addOffer, documented]),
);

/**
 * The `return_columns` value asking for these record fields (add_offer names). Columns with no
 * documented spelling are asked for by their add_offer name.
 */
export function returnColumnsFor(fields: readonly string[]): string {
  return [...new Set(fields.map((field) => RETURN_COLUMN.get(field) ?? field))].join(',');
}

/**
 * A get_details record with every documented spelling renamed to its add_offer name. When a
 * record carries both spellings of one column, the documented one wins: where v1 and v2 of the
 * contract differ, v2 stands.
 */
export function withAddOfferNames(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(record)) {
    const documented = RETURN_COLUMN.get(column);
    if (documented !== undefined && Object.hasOwn(record, documented)) continue;
    out[ADD_OFFER_NAME.get(column) ?? column] = value;
  }
  return out;
}
