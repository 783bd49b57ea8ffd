// Offerit has no "list all": the client walks offer-id windows and affiliate pages. These check
// where each walk stops, counting the requests the sandbox actually received.
import { afterEach, describe, expect, it } from 'vitest';
import type { OfferitFixtures } from '../../../src/sandbox/offerit/index.js';
import { startSandbox, type Running } from './sandbox-client.js';

const offersAt = (...ids: number[]): OfferitFixtures['offers'] =>
  ids.map((id) => ({ offerid: String(id), name: `Offer ${id}`, url: `https://x.example/${id}` }));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The [first, last] id of each get_details window the sandbox received. */
function windows(running: Running): [number, number][] {
  return running.sandbox.runtime.log
    .entries((entry) => entry.path === '/api/offer/get_details')
    .map((entry) => {
      const ids = String(entry.params.offerid).split(',').map(Number);
      return [ids[0]!, ids[ids.length - 1]!];
    });
}

describe('offerit paging', () => {
  let running: Running | undefined;
  afterEach(() => running?.sandbox.stop());

  it('stops after emptyWindows consecutive empty windows following the last offer', async () => {
    running = await startSandbox(
      { fixtures: { offers: offersAt(400, 401, 406, 950) } },
      { windowSize: 100, emptyWindows: 3, maxOfferId: 100_000 },
    );
    const offers = await collect(running.client.iterateOffers());
    // 950 lies beyond three empty windows (501–800), so this walk never reaches it.
    expect(offers.map((offer) => offer.offerid)).toEqual(['400', '401', '406']);
    expect(windows(running)).toEqual([
      [1, 100],
      [101, 200],
      [201, 300],
      [301, 400],
      [401, 500],
      [501, 600],
      [601, 700],
      [701, 800],
    ]);
  });

  it('a gap shorter than emptyWindows does not stop the walk', async () => {
    running = await startSandbox(
      { fixtures: { offers: offersAt(3, 250, 251, 640) } },
      { windowSize: 50, emptyWindows: 8, maxOfferId: 100_000 },
    );
    const offers = await collect(running.client.iterateOffers());
    expect(offers.map((offer) => offer.offerid)).toEqual(['3', '250', '251', '640']);
    // After 640 (window 601–650): eight empty windows, 651–1050.
    expect(windows(running).at(-1)).toEqual([1001, 1050]);
    expect(windows(running)).toHaveLength(21);
  });

  it('never asks beyond maxOfferId, and the last window is cut at it', async () => {
    running = await startSandbox(
      { fixtures: { offers: offersAt(10, 949, 950, 951) } },
      { windowSize: 100, emptyWindows: 50, maxOfferId: 950 },
    );
    const offers = await collect(running.client.iterateOffers());
    expect(offers.map((offer) => offer.offerid)).toEqual(['10', '949', '950']);
    expect(windows(running)).toHaveLength(10);
    expect(windows(running).at(-1)).toEqual([901, 950]);
  });

  it('tolerates a long run of empty windows before the first offer, within a bound', async () => {
    running = await startSandbox(
      { fixtures: { offers: offersAt(2_500) } },
      { windowSize: 100, emptyWindows: 3, maxOfferId: 100_000 },
    );
    // Before any offer is seen, up to emptyWindows * 10 = 30 empty windows are walked.
    expect((await collect(running.client.iterateOffers())).map((o) => o.offerid)).toEqual(['2500']);
    running.sandbox.runtime.log.clear();
    expect(await collect(running.client.iterateOffers({ fromId: 4_000 }))).toEqual([]);
    expect(windows(running)).toHaveLength(30);
    running.sandbox.runtime.log.clear();
    expect(await collect(running.client.iterateOffers({ leadingEmptyWindows: 5 }))).toEqual([]);
    expect(windows(running)).toHaveLength(5);
  });

  it('walks affiliates with start/count until an empty page', async () => {
    const affiliates = Array.from({ length: 250 }, (_, i) => ({
      loginid: String(i + 10),
      username: `aff${i + 10}`,
      email: `aff${i + 10}@example.com`,
    }));
    running = await startSandbox({ fixtures: { affiliates } }, { windowSize: 100 });
    const seen = await collect(running.client.iterateAffiliates());
    expect(seen.map((a) => a.loginid)).toEqual(affiliates.map((a) => a.loginid));
    const pages = running.sandbox.runtime.log
      .entries((entry) => entry.path === '/api/affiliate/search')
      .map((entry) => [entry.params.start, entry.params.count]);
    expect(pages).toEqual([
      ['0', '100'],
      ['100', '100'],
      ['200', '100'],
      ['250', '100'],
    ]);
  });
});
