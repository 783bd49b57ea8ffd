// Offerit has no "list all": offers are found by asking get_details for windows of ids
// (`offerid=1,...,100`, then 101–200, ...). Affiliates page with `start`/`count` (ASSUMED).
import type { OfferitAffiliate, OfferitOffer } from './records.js';

export interface OfferWindowOptions {
  /** First id to look at. @defaultValue 1 */
  fromId?: number;
  /** Ids per get_details request. */
  windowSize: number;
  /** Highest id looked at. */
  maxOfferId: number;
  /** Stop after this many consecutive empty windows following an offer. */
  emptyWindows: number;
  /**
   * Empty windows tolerated before the first offer is found: networks often number offers from
   * well above 1 (the platform's own sample answers with offer 400).
   * @defaultValue `emptyWindows * 10`
   */
  leadingEmptyWindows?: number;
}

export async function* walkOfferWindows(
  getDetails: (ids: string) => Promise<OfferitOffer[]>,
  options: OfferWindowOptions,
): AsyncGenerator<OfferitOffer> {
  const size = Math.max(1, Math.floor(options.windowSize));
  const leading = options.leadingEmptyWindows ?? options.emptyWindows * 10;
  let found = false;
  let empty = 0;
  for (let start = Math.max(1, options.fromId ?? 1); start <= options.maxOfferId; start += size) {
    const end = Math.min(start + size - 1, options.maxOfferId);
    const ids = Array.from({ length: end - start + 1 }, (_, index) => String(start + index));
    // A server that ignored the id list would answer with other windows' offers: keep ours only.
    const offers = (await getDetails(ids.join(',')))
      .filter((offer) => Number(offer.offerid) >= start && Number(offer.offerid) <= end)
      .sort((a, b) => Number(a.offerid) - Number(b.offerid));
    if (offers.length === 0) {
      empty += 1;
      if (empty >= (found ? options.emptyWindows : leading)) return;
      continue;
    }
    found = true;
    empty = 0;
    yield* offers;
  }
}

export interface AffiliatePageOptions {
  /** Affiliates asked for per request (`count`). @defaultValue 100 */
  pageSize?: number;
}

/**
 * Pages until a page is empty. A page that brings nothing new, or more than was asked for,
 * means the server ignores `start`/`count`: stop rather than loop.
 */
export async function* walkAffiliatePages(
  search: (start: number, count: number) => Promise<OfferitAffiliate[]>,
  options: AffiliatePageOptions = {},
): AsyncGenerator<OfferitAffiliate> {
  const count = Math.max(1, Math.floor(options.pageSize ?? 100));
  const seen = new Set<string>();
  let start = 0;
  for (;;) {
    const page = await search(start, count);
    const fresh = page.filter((affiliate) => !seen.has(affiliate.loginid));
    for (const affiliate of fresh) seen.add(affiliate.loginid);
    yield* fresh;
    if (page.length === 0 || fresh.length === 0 || page.length > count) return;
    start += page.length;
  }
}
