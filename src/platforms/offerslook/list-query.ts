// List parameters on the wire: `offset=2&limit=100&sort=id&fields=id,name&filters[offer_id][EQUAL_TO]=7`.
// Brackets go out raw (every real client sends them so); values are encoded. Ascending sort keys
// go out without their `+`: ascending is the default, and a `+` is the one character a query
// string cannot carry as itself (it decodes to a space).
import qs from 'qs';
import type { ListQuery } from './wire/envelope.js';

/** The query string for `query` (without `?`). */
export function encodeListQuery(query: ListQuery = {}): string {
  return qs.stringify(
    {
      offset: query.offset,
      limit: query.limit,
      sort: query.sort
        ?.split(',')
        .map((key) => key.trim().replace(/^\+/, ''))
        .join(','),
      fields: query.fields?.join(','),
      filters: query.filters,
      contains: query.contains?.join(','),
    },
    { encodeValuesOnly: true, skipNulls: true },
  );
}
