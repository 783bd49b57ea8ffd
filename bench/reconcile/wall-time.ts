// Wall time of a budget-bound reconcile against its lower bound: `offers` Offerit offers of which
// `newOffers` (every n-th id) are not mirrored yet, reconciled offerit->offerslook with Offerslook
// held to B requests per second (the client's budget and the sandbox's own limit alike) and
// Offerit unlimited, so Offerslook's budget is what bounds the run. The lower bound is the
// minimum Offerslook requests (shared/minimum.ts: a POST per new offer, a base-event PATCH where
// needed) divided by B. The other offers are pre-linked (prelink.ts).
import type { RateLimit } from '../../src/config/index.js';
import { loadMappings } from '../../src/mapping/index.js';
import { maxInAnyWindow } from '../../src/sandbox/common/index.js';
import { mapRecord, offerslookCreateWrites, tally } from '../shared/minimum.js';
import { platformClients } from '../shared/platforms.js';
import { countRequests, type RequestCounts } from '../shared/request-counts.js';
import { UNLIMITED, startSandboxPair } from '../shared/sandboxes.js';
import { prelink } from './prelink.js';
import { runReconcileChild, type RunResult } from './run-child.js';

export interface WallTimeOptions {
  redisUrl: string;
  /** @defaultValue 10000 */
  offers?: number;
  /** @defaultValue 1000 */
  newOffers?: number;
  /** B, Offerslook requests per second (a sliding window of 1 s). @defaultValue 100 */
  budgetPerSec?: number;
  /** @defaultValue 'v2' */
  offeritAnswers?: 'v1' | 'v2';
}

export interface WallTimeResult {
  offers: number;
  newOffers: number;
  budgetPerSec: number;
  offeritAnswers: 'v1' | 'v2';
  run: RunResult;
  offerslook: RequestCounts;
  offerit: RequestCounts;
  minimum: Record<string, number>;
  minimumRequests: number;
  lowerBoundMs: number;
  /** wall / lower bound. */
  ratio: number;
  /** Most Offerslook requests that reached the sandbox in any 1 s. */
  maxInWindow: number;
  /** First to last Offerit request: how long the source listing took. */
  listingMs: number;
}

/** The runtime's limiter keeps a tenth of each window as margin for arrival jitter: 1.10 is the floor. */
export const WALL_TIME_TARGET = 1.15;

export async function measureWallTime(options: WallTimeOptions): Promise<WallTimeResult> {
  const offers = options.offers ?? 10_000;
  const newOffers = options.newOffers ?? 1000;
  const budgetPerSec = options.budgetPerSec ?? 100;
  const offeritAnswers = options.offeritAnswers ?? 'v2';
  const budget: RateLimit = { max: budgetPerSec, durationMs: 1000 };
  const every = Math.max(2, Math.round(offers / newOffers));
  const isNew = (id: number) => id % every === every - 1;
  const pair = await startSandboxPair({
    redisUrl: options.redisUrl,
    answers: { offerit: offeritAnswers },
    seed: { offerit: { from: 1, count: offers } },
    rateLimit: { offerslook: budget },
    name: 'bench-wall',
  });
  try {
    const setupEnv = pair.env({ offerit: UNLIMITED, offerslook: UNLIMITED });
    await prelink(setupEnv, (id) => !isNew(id));
    const route = (await loadMappings('mappings')).route('offerit', 'offer')!;
    const clients = platformClients(setupEnv);
    const writes: string[] = [];
    for (let id = every - 1; id <= offers; id += every) {
      const view = await clients.offerit.get({ kind: 'offer', id: String(id) });
      writes.push(...offerslookCreateWrites(mapRecord(route, view!)));
    }
    await pair.clearLogs();
    const run = await runReconcileChild(
      pair.env({ offerit: UNLIMITED, offerslook: budget }),
      'offerit',
      'offerslook',
    );
    const logs = await pair.logs();
    const lowerBoundMs = (writes.length / budgetPerSec) * 1000;
    return {
      offers,
      newOffers,
      budgetPerSec,
      offeritAnswers,
      run,
      offerslook: countRequests('offerslook', logs.offerslook),
      offerit: countRequests('offerit', logs.offerit),
      minimum: tally(writes),
      minimumRequests: writes.length,
      lowerBoundMs,
      ratio: run.wallMs / lowerBoundMs,
      maxInWindow: maxInAnyWindow(
        logs.offerslook.map((entry) => entry.time),
        1000,
      ),
      listingMs: spanMs(logs.offerit.map((entry) => entry.time)),
    };
  } finally {
    await pair.stop();
  }
}

function spanMs(times: readonly number[]): number {
  return times.length === 0 ? 0 : Math.max(...times) - Math.min(...times);
}

export function meetsWallTimeTarget(result: WallTimeResult): boolean {
  return result.ratio <= WALL_TIME_TARGET && result.run.created === result.newOffers;
}

/** `judged: false` marks a figure shown for comparison, whose verdict sets no exit code. */
export function formatWallTime(result: WallTimeResult, judged = true): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const { run, offerslook } = result;
  const verdict = meetsWallTimeTarget(result);
  return [
    `wall time, ${result.newOffers} new among ${result.offers} offers, offerit->offerslook, ` +
      `B = ${result.budgetPerSec}/s on Offerslook (Offerit unlimited, answering ${result.offeritAnswers}): ` +
      `wall ${s(run.wallMs)} vs lower bound ${s(result.lowerBoundMs)} (minimum ${result.minimumRequests} ` +
      `Offerslook requests / B) -> ratio ${result.ratio.toFixed(3)} (target <= ${WALL_TIME_TARGET}) ` +
      `[${verdict ? 'ok' : 'MISSED'}${judged ? '' : ', shown for comparison, not judged'}]`,
    `      Offerslook: ${offerslook.total} requests (${Object.entries(offerslook.byOperation)
      .map(([operation, count]) => `${operation} ${count}`)
      .join(
        ', ',
      )}) vs minimum ${result.minimumRequests}; ${offerslook.rateLimited} refused with 429; ` +
      `most in 1 s ${result.maxInWindow}; created ${run.created}, unchanged ${run.unchanged}; ` +
      `Offerit ${result.offerit.total} requests over ${s(result.listingMs)} (the source listing)`,
  ];
}
