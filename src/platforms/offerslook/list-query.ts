// List parameters on the wire: `offset=2&limit=100&sort=%2Bid&fields=id,name&filters[offer_id][EQUAL_TO]=7`.
import qs from 'qs';
import type { ListQuery } from './wire/envelope.js';

/** The query string for `query` (without `?`); brackets stay readable, values are encoded. */
export function encodeListQuery(query: ListQuery = {}): string {
  return qs.stringify(
    {
      offset: query.offset,
      limit: query.limit,
      sort: query.sort,
      fields: query.fields?.join(','),
      filters: query.filters,
    },
    { encodeValuesOnly: true, skipNulls: true },
  );
}
