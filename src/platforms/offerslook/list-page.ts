// One page of any Offerslook list: the list parameters out, `data.rowset` and its counters back.
import type { z } from 'zod';
import { encodeListQuery } from './list-query.js';
import type { OfferslookSend } from './transport.js';
import type { ListPage, ListQuery } from './wire/index.js';

/** `data` of a list, as `listDataSchema` reads it. */
export interface ListData<Row> {
  rowset: Row[];
  totalPages?: number | undefined;
  totalRows?: number | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export async function fetchListPage<Row>(
  send: OfferslookSend,
  path: string,
  template: string,
  schema: z.ZodType<ListData<Row>>,
  query: ListQuery = {},
): Promise<ListPage<Row>> {
  const data = await send({
    method: 'GET',
    path,
    template,
    query: encodeListQuery(query),
    data: schema,
  });
  return {
    rows: data.rowset,
    offset: data.offset ?? query.offset ?? 1,
    limit: data.limit ?? query.limit ?? data.rowset.length,
    totalPages: data.totalPages,
    totalRows: data.totalRows,
  };
}
