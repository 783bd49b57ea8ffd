// The value forms Offerslook answers vary in (contract section 2, v2): status letter case, the
// form of times (unix seconds, `YYYY-MM-DD HH:MM:SS`, `null`), and geo as v1's `{type, countries}`
// or the platform's own `target[]` list. Each returns one word for all the records it is shown.
// Pure.
import { dateTimeSeconds } from '../../platforms/offerslook/index.js';
import { isObject } from './shape.js';

type Row = Record<string, unknown>;

/** `capitalised` when any status starts upper case (`"Active"`), else `lower`; `none` if absent. */
export function statusCase(records: readonly Row[]): string {
  const statuses = records.map((record) => record.status).filter((s) => typeof s === 'string');
  if (statuses.length === 0) return 'none';
  return statuses.some((status) => /^[A-Z]/.test(status.trim())) ? 'capitalised' : 'lower';
}

export const OFFER_TIME_FIELDS = ['create_time', 'update_time', 'start_date', 'end_date'] as const;

const FORM_ORDER = ['unix', 'date-time', 'null', 'empty', 'other'] as const;

/** The forms the records' times came in, joined: `unix`, `date-time/null`, ...; `none` if absent. */
export function timestampForms(
  records: readonly Row[],
  fields: readonly string[] = OFFER_TIME_FIELDS,
): string {
  const forms = new Set<string>();
  for (const record of records) {
    for (const field of fields) {
      if (!(field in record)) continue;
      forms.add(timeForm(record[field]));
    }
  }
  const ordered = FORM_ORDER.filter((form) => forms.has(form));
  return ordered.length === 0 ? 'none' : ordered.join('/');
}

function timeForm(value: unknown): (typeof FORM_ORDER)[number] {
  if (value === null) return 'null';
  if (typeof value === 'number') return 'unix';
  if (typeof value !== 'string') return 'other';
  const text = value.trim();
  if (text === '' || /^0000-00-00/.test(text)) return 'empty';
  if (/^-?\d+$/.test(text)) return 'unix';
  return dateTimeSeconds(text) === undefined ? 'other' : 'date-time';
}

/** How the geos came: `countries`, `target[]`, a bare `target list`, or `none` answered. */
export function geoForm(geos: readonly unknown[]): string {
  const forms = new Set<string>();
  for (const geo of geos) {
    if (geo === undefined || geo === null) continue;
    if (Array.isArray(geo)) forms.add('bare target list');
    else if (isObject(geo) && Array.isArray(geo.target)) forms.add('target[]');
    else if (isObject(geo) && 'countries' in geo) forms.add('countries');
    else forms.add('other');
  }
  return forms.size === 0 ? 'none' : [...forms].sort().join('+');
}
