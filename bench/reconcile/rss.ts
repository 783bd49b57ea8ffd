// Peak RSS of an all-unchanged offerit->offerslook reconcile at `offers` and at ten times that
// (target: flat), and the heap still live after a full GC at the end (peak RSS mostly measures
// V8's lazy collection). Both networks pre-linked (prelink.ts), both platforms unlimited. The
// Offerit sandbox answers v1 here: its get_details carries the payouts, so a 100,000-offer
// listing is 1,003 requests, not v2's 101,003 (one get_commission_changes per offer) which would
// take minutes without changing what is measured, the memory a streamed listing holds.
// The smaller network then runs once more at the README's budgets: the v1 figure of requests
// per unchanged Offerit offer, beside the v2 one of per-entity.ts.
import type { RateLimit } from '../../src/config/index.js';
import type { PlatformName } from '../../src/vocabulary/index.js';
import { offeritListRequests, tally } from '../shared/minimum.js';
import { countRequests } from '../shared/request-counts.js';
import { DEFAULT_BUDGETS, UNLIMITED, startSandboxPair } from '../shared/sandboxes.js';
import type { CaseFigure } from './per-entity.js';
import { prelink } from './prelink.js';
import { runReconcileChild, type RunResult } from './run-child.js';

export interface RssOptions {
  redisUrl: string;
  /** @defaultValue 10000 */
  offers?: number;
  /** @defaultValue 100000 */
  largeOffers?: number;
  /** For the v1 unchanged figure. @defaultValue DEFAULT_BUDGETS */
  budgets?: Record<PlatformName, RateLimit>;
}

export interface RssResult {
  offers: number;
  largeOffers: number;
  small: RunResult;
  large: RunResult;
  largeRequests: number;
  /** large / small peak RSS. */
  ratio: number;
  /** The smaller network at the budgets: requests per unchanged offer, Offerit answering v1. */
  unchangedV1: CaseFigure;
}

export const RSS_TARGET = 1.3;

export async function measureRss(options: RssOptions): Promise<RssResult> {
  const offers = options.offers ?? 10_000;
  const largeOffers = options.largeOffers ?? 100_000;
  const budgets = options.budgets ?? DEFAULT_BUDGETS;
  const unlimited = { offerit: UNLIMITED, offerslook: UNLIMITED };

  const smallPair = await startNetwork(options.redisUrl, offers);
  let small: RunResult;
  let unchangedV1: CaseFigure;
  try {
    small = await runReconcileChild(smallPair.env(unlimited), 'offerit', 'offerslook');
    await smallPair.limit('offerit', budgets.offerit);
    await smallPair.limit('offerslook', budgets.offerslook);
    await smallPair.clearLogs();
    const run = await runReconcileChild(smallPair.env(budgets), 'offerit', 'offerslook');
    const logs = await smallPair.logs();
    unchangedV1 = {
      name: 'unchanged',
      from: 'offerit',
      to: 'offerslook',
      offeritAnswers: 'v1',
      budgets,
      entities: offers,
      listed: offers,
      run,
      source: countRequests('offerit', logs.offerit),
      target: countRequests('offerslook', logs.offerslook),
      minimum: { source: tally(offeritListRequests(offers, offers, 'v1')), target: {} },
    };
  } finally {
    await smallPair.stop();
  }

  const largePair = await startNetwork(options.redisUrl, largeOffers);
  try {
    const large = await runReconcileChild(largePair.env(unlimited), 'offerit', 'offerslook');
    const stats = (await largePair.children.offerit.ask('stats')) as { requests: number };
    return {
      offers,
      largeOffers,
      small,
      large,
      largeRequests: stats.requests,
      ratio: large.maxRssKb / small.maxRssKb,
      unchangedV1,
    };
  } finally {
    await largePair.stop();
  }
}

async function startNetwork(redisUrl: string, offers: number) {
  const pair = await startSandboxPair({
    redisUrl,
    answers: { offerit: 'v1' },
    seed: { offerit: { from: 1, count: offers } },
    name: 'bench-rss',
  });
  await prelink(pair.env({ offerit: UNLIMITED, offerslook: UNLIMITED }), () => true);
  await pair.clearLogs();
  return pair;
}

export function formatRss(result: RssResult): string {
  const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
  const { small, large } = result;
  return (
    `peak RSS (unchanged run, Offerit answering v1): ${mb(small.maxRssKb)} at ${result.offers} offers, ` +
    `${mb(large.maxRssKb)} at ${result.largeOffers} offers: ratio ${result.ratio.toFixed(3)} ` +
    `(target: flat, <= ${RSS_TARGET}) [${result.ratio <= RSS_TARGET ? 'ok' : 'MISSED'}] ` +
    `[before the run: ${mb(small.rssBeforeRunKb)} / ${mb(large.rssBeforeRunKb)}; ` +
    `${result.largeOffers} offers took ${(large.wallMs / 1000).toFixed(1)} s, ${result.largeRequests} requests]` +
    (small.heapAfterGcKb && large.heapAfterGcKb
      ? ` heap after GC ${mb(small.heapAfterGcKb)} / ${mb(large.heapAfterGcKb)}`
      : '')
  );
}
