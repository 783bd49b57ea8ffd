// Where the offer-window and affiliate-page walks stop, driven by plain in-memory functions.
import { describe, expect, it } from 'vitest';
import { walkAffiliatePages, walkOfferWindows } from '../../../src/platforms/offerit/paging.js';
import type { OfferitAffiliate, OfferitOffer } from '../../../src/platforms/offerit/records.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function network(ids: number[], options: { ignoresFilter?: boolean } = {}) {
  const asked: string[] = [];
  const getDetails = (list: string): Promise<OfferitOffer[]> => {
    asked.push(list);
    const wanted = new Set(list.split(','));
    const matches = ids.filter((id) => options.ignoresFilter || wanted.has(String(id)));
    return Promise.resolve(matches.map((id) => ({ offerid: String(id), name: `Offer ${id}` })));
  };
  return { getDetails, asked };
}

describe('walkOfferWindows', () => {
  it('asks for comma lists of windowSize ids and yields offers in id order', async () => {
    const { getDetails, asked } = network([7, 3, 12]);
    const offers = await collect(
      walkOfferWindows(getDetails, { windowSize: 5, maxOfferId: 15, emptyWindows: 1 }),
    );
    expect(offers.map((offer) => offer.offerid)).toEqual(['3', '7', '12']);
    expect(asked).toEqual(['1,2,3,4,5', '6,7,8,9,10', '11,12,13,14,15']);
  });

  it('stops after emptyWindows empty windows following an offer, not before', async () => {
    const { getDetails, asked } = network([1, 12, 40]);
    const offers = await collect(
      walkOfferWindows(getDetails, { windowSize: 5, maxOfferId: 1000, emptyWindows: 2 }),
    );
    // 6–10 is one empty window, 11–15 finds 12; then 16–20 and 21–25 are empty: stop.
    expect(offers.map((offer) => offer.offerid)).toEqual(['1', '12']);
    expect(asked).toHaveLength(5);
  });

  it('bounds the empty run before the first offer by leadingEmptyWindows', async () => {
    const { getDetails, asked } = network([]);
    expect(
      await collect(
        walkOfferWindows(getDetails, { windowSize: 10, maxOfferId: 10_000, emptyWindows: 2 }),
      ),
    ).toEqual([]);
    expect(asked).toHaveLength(20);
    // 95 lies in the tenth window: nine empty ones come first.
    const walk = (leadingEmptyWindows: number) =>
      collect(
        walkOfferWindows(network([95]).getDetails, {
          windowSize: 10,
          maxOfferId: 10_000,
          emptyWindows: 1,
          leadingEmptyWindows,
        }),
      );
    expect(await walk(9)).toEqual([]);
    expect((await walk(10)).map((offer) => offer.offerid)).toEqual(['95']);
  });

  it('keeps only offers inside the window asked for, so a server ignoring the list yields no duplicates', async () => {
    const { getDetails } = network([2, 8], { ignoresFilter: true });
    const offers = await collect(
      walkOfferWindows(getDetails, { windowSize: 5, maxOfferId: 10, emptyWindows: 3 }),
    );
    expect(offers.map((offer) => offer.offerid)).toEqual(['2', '8']);
  });

  it('starts at fromId and ends at maxOfferId', async () => {
    const { getDetails, asked } = network([]);
    await collect(
      walkOfferWindows(getDetails, { fromId: 98, windowSize: 2, maxOfferId: 101, emptyWindows: 9 }),
    );
    expect(asked).toEqual(['98,99', '100,101']);
  });
});

describe('walkAffiliatePages', () => {
  const affiliates: OfferitAffiliate[] = Array.from({ length: 7 }, (_, i) => ({
    loginid: String(i + 1),
    username: `a${i}`,
  }));

  it('pages with start/count until an empty page, advancing by what came back', async () => {
    const asked: [number, number][] = [];
    const capped = (start: number, count: number) => {
      asked.push([start, count]);
      // A server that caps pages below what was asked still gets walked to the end.
      return Promise.resolve(affiliates.slice(start, start + Math.min(count, 2)));
    };
    const seen = await collect(walkAffiliatePages(capped, { pageSize: 3 }));
    expect(seen.map((a) => a.loginid)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(asked).toEqual([
      [0, 3],
      [2, 3],
      [4, 3],
      [6, 3],
      [7, 3],
    ]);
  });

  it('stops when the server ignores paging (same page again, or more than asked for)', async () => {
    let calls = 0;
    const same = () => {
      calls += 1;
      return Promise.resolve(affiliates.slice(0, 3));
    };
    expect(await collect(walkAffiliatePages(same, { pageSize: 3 }))).toHaveLength(3);
    expect(calls).toBe(2);
    calls = 0;
    const everything = () => {
      calls += 1;
      return Promise.resolve(affiliates);
    };
    expect(await collect(walkAffiliatePages(everything, { pageSize: 3 }))).toHaveLength(7);
    expect(calls).toBe(1);
  });
});
