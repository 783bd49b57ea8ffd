// Walks a paged list: `offset` is a 1-based page number. Stops at the page the platform says is
// the last (`totalPages`, re-read on every page since rows may come and go meanwhile) or on the
// first empty page, whichever comes first, so a platform that miscounts cannot loop us forever.
import type { ListPage } from './wire/envelope.js';

/** Each page's rows, one page at a time (for work done per page, such as parallel reads). */
export async function* iteratePageRows<Row>(
  fetchPage: (offset: number) => Promise<ListPage<Row>>,
): AsyncGenerator<Row[]> {
  for (let offset = 1; ; offset++) {
    const page = await fetchPage(offset);
    if (page.rows.length === 0) return;
    yield page.rows;
    if (page.totalPages !== undefined && offset >= page.totalPages) return;
  }
}

/** Every row, page after page. */
export async function* iteratePages<Row>(
  fetchPage: (offset: number) => Promise<ListPage<Row>>,
): AsyncGenerator<Row> {
  for await (const rows of iteratePageRows(fetchPage)) yield* rows;
}
