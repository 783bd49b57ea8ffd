// Offerslook's offer reads, classified from the raw `data` (contract section 2, v2): `/v1/offers`
// rows are flat offers; `/v1/batches/offers` rows are nested by resource (`{offer, offer_event,
// offer_geo}`), with `offer_event` left out where the server ignores `contains`; `/all` answers
// one nested offer. Plus the value forms every offer varies in. Pure.
import {
  nestedOfferSchema,
  offerEventWireSchema,
  offerWireSchema,
  offerslookOfferGeoSchema,
} from '../../platforms/offerslook/index.js';
import { geoForm, statusCase, timestampForms } from './offerslook-forms.js';
import { describeShape, extraKeys, formatPath, isObject } from './shape.js';

type Row = Record<string, unknown>;

export type RowsShape = { ok: true; rows: Row[] } | { ok: false; problem: string };

/** `data.rowset` as rows (a `null` rowset is an empty page). */
export function listRows(data: unknown): RowsShape {
  const rowset = isObject(data) ? data.rowset : undefined;
  if (rowset === null) return { ok: true, rows: [] };
  if (!Array.isArray(rowset))
    return {
      ok: false,
      problem: `data has no rowset list (data: ${describeShape(data)})`,
    };
  const index = rowset.findIndex((row) => !isObject(row));
  if (index >= 0)
    return {
      ok: false,
      problem: `rows are not records (data.rowset[${index}]: ${describeShape(rowset[index])})`,
    };
  return { ok: true, rows: rowset as Row[] };
}

/** A flat offer row carries its own id or name; a nested one an `offer` object and no name. */
export function rowForm(row: Row): 'flat' | 'nested' | 'other' {
  if (isObject(row.offer) && !('name' in row)) return 'nested';
  return 'id' in row || 'name' in row ? 'flat' : 'other';
}

export type OfferRowsVerdict =
  { ok: true; variant: Record<string, string> } | { ok: false; problem: string };

/** The forms that vary in offers, over `offers` and their `geos`. */
export function offerForms(
  offers: readonly Row[],
  geos: readonly unknown[],
): Record<string, string> {
  return {
    status: statusCase(offers),
    timestamps: timestampForms(offers),
    geo: geoForm(geos),
  };
}

/** `GET /v1/offers`: flat rows. */
export function classifyOfferRows(data: unknown): OfferRowsVerdict {
  const listed = listRows(data);
  if (!listed.ok) return listed;
  const { rows } = listed;
  const odd = rows.findIndex((row) => rowForm(row) !== 'flat');
  if (odd >= 0) {
    const row = rows[odd]!;
    const what =
      rowForm(row) === 'nested'
        ? 'rows are nested by resource (as /v1/batches answers), not flat offers'
        : 'rows are not offers: no id or name';
    return { ok: false, problem: `${what} (data.rowset[${odd}]: ${describeShape(row)})` };
  }
  return {
    ok: true,
    variant: {
      rows: rows.length === 0 ? 'empty' : 'flat',
      ...offerForms(
        rows,
        rows.map((row) => row.offer_geo),
      ),
    },
  };
}

/** `GET /v1/batches/offers`: nested rows, events included where `contains` is honoured. */
export function classifyBatchRows(data: unknown): OfferRowsVerdict {
  const listed = listRows(data);
  if (!listed.ok) return listed;
  const { rows } = listed;
  const odd = rows.findIndex((row) => rowForm(row) !== 'nested');
  if (odd >= 0) {
    const row = rows[odd]!;
    const what =
      rowForm(row) === 'flat'
        ? 'rows are flat offers, not {offer, offer_event}'
        : 'rows are neither flat offers nor {offer, offer_event}';
    return { ok: false, problem: `${what} (data.rowset[${odd}]: ${describeShape(row)})` };
  }
  // As the client decides: a page whose rows all lack events means `contains` was ignored.
  const withEvents = rows.some((row) => row.offer_event !== undefined && row.offer_event !== null);
  return {
    ok: true,
    variant: {
      rows: rows.length === 0 ? 'empty' : 'nested',
      contains: rows.length === 0 ? 'cannot tell' : withEvents ? 'honoured' : 'ignored',
      ...offerForms(
        rows.map((row) => row.offer as Row),
        rows.map((row) => row.offer_geo ?? (row.offer as Row).offer_geo),
      ),
    },
  };
}

/** `GET /v1/offers/{id}/all`: one nested offer. */
export function classifyOfferAll(data: unknown): OfferRowsVerdict {
  if (!isObject(data) || !isObject(data.offer))
    return {
      ok: false,
      problem: `the answer is not {offer, offer_event, offer_geo} (data: ${describeShape(data)})`,
    };
  const offer = data.offer;
  return {
    ok: true,
    variant: {
      endpoint: 'available',
      events: Array.isArray(data.offer_event) ? 'nested' : 'absent',
      ...offerForms([offer], [data.offer_geo ?? offer.offer_geo]),
    },
  };
}

const OFFER_KEYS = Object.keys(offerWireSchema.shape);
const GEO_KEYS = Object.keys(offerslookOfferGeoSchema.shape);
const EVENT_KEYS = Object.keys(offerEventWireSchema.shape);
const NESTED_KEYS = Object.keys(nestedOfferSchema.shape);

const geosOf = (records: readonly unknown[]) =>
  records.flatMap((record) =>
    isObject(record) && isObject(record.offer_geo) ? [record.offer_geo] : [],
  );

/** Undeclared keys of flat offers and their `offer_geo`. */
export function unexpectedOfferKeys(offers: readonly unknown[], prefix = ''): string[] {
  return [
    ...extraKeys(offers, OFFER_KEYS, prefix),
    ...extraKeys(geosOf(offers), GEO_KEYS, `${prefix}offer_geo.`),
  ];
}

/** Undeclared keys of nested rows (or `/all`): the row's, its offer's, events' and geo's. */
export function unexpectedNestedKeys(rows: readonly unknown[]): string[] {
  const part = (name: string) =>
    rows.flatMap((row) => (isObject(row) && row[name] !== undefined ? [row[name]] : []));
  return [
    ...extraKeys(rows, NESTED_KEYS),
    ...unexpectedOfferKeys(part('offer'), 'offer.'),
    ...extraKeys(part('offer_event').flat(), EVENT_KEYS, 'offer_event[].'),
    ...extraKeys(part('offer_geo'), GEO_KEYS, 'offer_geo.'),
  ];
}

/** `data.rowset[0].offer.status` for an issue path of a list schema. */
export const dataPath = (path: readonly PropertyKey[]) => formatPath('data', path);
