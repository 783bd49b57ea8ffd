// Requests per created, updated and unchanged entity of a reconcile in one direction, against
// the true minimum (shared/minimum.ts), counted on the sandboxes' request logs. One network: the
// source's offers (ids 1..offers), all but `created` of them mirrored for real beforehand (an
// unthrottled reconcile, so links are what a finished sync leaves). Then, at the budgets given
// (the sandboxes enforcing the same limits), three reconciles, each in a child process:
//   created    the `created` new offers (every n-th id) are seeded on the source and mirrored;
//   updated    `updated` mirrored offers are edited on the source (shared/edits.ts);
//   unchanged  nothing changed.
import type { RateLimit } from '../../src/config/index.js';
import type { PlatformName } from '../../src/vocabulary/index.js';
import { loadMappings } from '../../src/mapping/index.js';
import {
  mapRecord,
  offeritCreateWrites,
  offeritListRequests,
  offerslookCreateWrites,
  offerslookListPages,
  tally,
} from '../shared/minimum.js';
import { editSourceOffer, offerKey } from '../shared/edits.js';
import { idsOf, type IdRange, type SeedSpec } from '../shared/network.js';
import { platformClients } from '../shared/platforms.js';
import { countRequests, type RequestCounts } from '../shared/request-counts.js';
import {
  DEFAULT_BUDGETS,
  UNLIMITED,
  startSandboxPair,
  type SandboxPair,
} from '../shared/sandboxes.js';
import { runReconcileChild, type RunResult } from './run-child.js';

export type CaseName = 'created' | 'updated' | 'unchanged';

export interface PerEntityOptions {
  redisUrl: string;
  from: PlatformName;
  /** Offers on the source. */
  offers: number;
  /** New offers among them. */
  created: number;
  /** Mirrored offers edited before the `updated` run. */
  updated: number;
  /** What the Offerit sandbox answers (its get_details has payouts in v1 only). */
  offeritAnswers: 'v1' | 'v2';
  /** @defaultValue DEFAULT_BUDGETS (the README's) */
  budgets?: Record<PlatformName, RateLimit>;
}

export interface CaseFigure {
  name: CaseName;
  from: PlatformName;
  to: PlatformName;
  offeritAnswers: 'v1' | 'v2';
  budgets: Record<PlatformName, RateLimit>;
  /** Entities of this case (created, updated; for `unchanged` every offer listed). */
  entities: number;
  /** Offers the source listed. */
  listed: number;
  run: RunResult;
  source: RequestCounts;
  target: RequestCounts;
  minimum: { source: Record<string, number>; target: Record<string, number> };
}

export async function measurePerEntity(options: PerEntityOptions): Promise<CaseFigure[]> {
  const { from, offers, created, updated, offeritAnswers } = options;
  const to: PlatformName = from === 'offerit' ? 'offerslook' : 'offerit';
  const budgets = options.budgets ?? DEFAULT_BUDGETS;
  const every = Math.max(2, Math.round(offers / created));
  const range = (keep: number[]): IdRange => ({ from: 1, count: offers, every, keep });
  const seedOf = (ids: IdRange): SeedSpec => ({ [from]: ids });
  const others = Array.from({ length: every - 1 }, (_, index) => index);
  const fresh = range([every - 1]);
  const pair = await startSandboxPair({
    redisUrl: options.redisUrl,
    answers: { offerit: offeritAnswers },
    seed: seedOf(range(others)),
    name: `bench-entity-${from}`,
  });
  try {
    const setupEnv = pair.env({ offerit: UNLIMITED, offerslook: UNLIMITED });
    const mirror = await runReconcileChild(setupEnv, from, to);
    const mirrored = idsOf(range(others));
    if (mirror.created !== mirrored.length)
      throw new Error(`the mirror created ${mirror.created} of ${mirrored.length} offers`);
    await pair.children[from].ask(`seed ${JSON.stringify(seedOf(fresh))}`);
    const clients = platformClients(setupEnv);
    const route = (await loadMappings('mappings')).route(from, 'offer')!;
    const listMinimum =
      from === 'offerit'
        ? offeritListRequests(offers, offers, offeritAnswers)
        : offerslookListPages(offers);

    const createWrites: string[] = [];
    for (const id of idsOf(fresh)) {
      const mapped = mapRecord(route, (await clients[from].get(offerKey(id)))!);
      createWrites.push(
        ...(to === 'offerslook' ? offerslookCreateWrites(mapped) : offeritCreateWrites(mapped)),
      );
    }
    const env = pair.env(budgets);
    const measure = async (name: CaseName, entities: number, targetWrites: string[]) => {
      await limit(pair, budgets);
      const run = await runReconcileChild(env, from, to);
      const logs = await pair.logs();
      const figure: CaseFigure = {
        name,
        from,
        to,
        offeritAnswers,
        budgets,
        entities,
        listed: offers,
        run,
        source: countRequests(from, logs[from]),
        target: countRequests(to, logs[to]),
        minimum: { source: tally(listMinimum), target: tally(targetWrites) },
      };
      await limit(pair, null);
      return figure;
    };
    const figures = [await measure('created', created, createWrites)];

    const step = Math.max(1, Math.floor(mirrored.length / updated));
    const edited = Array.from({ length: updated }, (_, index) => mirrored[index * step]!);
    const updateWrites: string[] = [];
    for (const [index, id] of edited.entries()) {
      updateWrites.push(...(await editSourceOffer(clients[from], route, from, id, index)));
    }
    figures.push(await measure('updated', updated, updateWrites));
    figures.push(await measure('unchanged', offers, []));
    return figures;
  } finally {
    await pair.stop();
  }
}

/** Every sandbox to `budgets` (`null`: no limit), logs cleared. */
async function limit(
  pair: SandboxPair,
  budgets: Record<PlatformName, RateLimit> | null,
): Promise<void> {
  await pair.limit('offerit', budgets?.offerit ?? null);
  await pair.limit('offerslook', budgets?.offerslook ?? null);
  await pair.clearLogs();
}

const THOUSANDS = new Intl.NumberFormat('en-US');
const n = (value: number) => THOUSANDS.format(value);
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([operation, count]) => `${operation} ${n(count)}`)
    .join(', ') || 'none';

/** The issue's targets: what the target platform may be asked, in all, for this case. */
export function allowedOnTarget(figure: CaseFigure): number {
  const writes = sum(figure.minimum.target);
  if (figure.name === 'created') return writes + 0.1 * figure.entities;
  if (figure.name === 'updated') return writes + figure.entities;
  return 0;
}

/** Unchanged: at most this many requests (both platforms) per entity. */
export const UNCHANGED_TARGET = 0.02;

export interface CaseVerdict {
  perEntity: number;
  minimumPerEntity: number;
  ratio: number;
  ok: boolean;
  /** The run's report counted other outcomes than the case implies. */
  unexpected?: string;
}

export function judge(figure: CaseFigure): CaseVerdict {
  const minSource = sum(figure.minimum.source);
  const minTarget = sum(figure.minimum.target);
  const perEntity =
    figure.name === 'unchanged'
      ? (figure.source.total + figure.target.total) / figure.listed
      : figure.target.total / figure.entities + figure.source.total / figure.listed;
  const minimumPerEntity =
    figure.name === 'unchanged'
      ? minSource / figure.listed
      : minTarget / figure.entities + minSource / figure.listed;
  const { run } = figure;
  const expected = {
    created: figure.name === 'created' ? figure.entities : 0,
    updated: figure.name === 'updated' ? figure.entities : 0,
    unchanged: figure.name === 'unchanged' ? figure.listed : figure.listed - figure.entities,
  };
  const actual = { created: run.created, updated: run.updated, unchanged: run.unchanged };
  const unexpected =
    JSON.stringify(actual) === JSON.stringify(expected) && run.skipped === 0 && run.paused === 0
      ? undefined
      : `report ${JSON.stringify({ ...actual, skipped: run.skipped, paused: run.paused })}, expected ${JSON.stringify(expected)}`;
  const withinTarget =
    figure.name === 'unchanged'
      ? perEntity <= UNCHANGED_TARGET
      : figure.target.total <= allowedOnTarget(figure);
  return {
    perEntity,
    minimumPerEntity,
    ratio: perEntity / minimumPerEntity,
    ok: withinTarget && unexpected === undefined,
    ...(unexpected === undefined ? {} : { unexpected }),
  };
}

export function formatCase(figure: CaseFigure): string[] {
  const verdict = judge(figure);
  const { source, target } = figure;
  const minSource = sum(figure.minimum.source);
  const minTarget = sum(figure.minimum.target);
  const what =
    figure.name === 'unchanged'
      ? `${n(figure.entities)} unchanged`
      : `${n(figure.entities)} ${figure.name} of ${n(figure.listed)} listed`;
  const head =
    `  ${figure.name.padEnd(9)} ${what}: ${verdict.perEntity.toFixed(4)} requests per entity ` +
    `vs minimum ${verdict.minimumPerEntity.toFixed(4)} -> ratio ${verdict.ratio.toFixed(3)}`;
  const target_ =
    figure.name === 'unchanged'
      ? `target <= ${UNCHANGED_TARGET} per entity`
      : `target on ${figure.to} <= ${n(Math.floor(allowedOnTarget(figure)))}` +
        (figure.name === 'created'
          ? ' (1.1 per entity + the extra writes needed)'
          : ' (the writes + 1 read per entity)');
  return [
    `${head}; ${target_} [${verdict.ok ? 'ok' : 'MISSED'}]${verdict.unexpected ? ` UNEXPECTED ${verdict.unexpected}` : ''}`,
    `      ${figure.to} (target): ${n(target.total)} requests = ${(target.total / figure.entities).toFixed(3)} per entity ` +
      `(${formatOps(target)}) vs minimum ${n(minTarget)} (${list(figure.minimum.target)})`,
    `      ${figure.from} (source): ${n(source.total)} requests = ${(source.total / figure.listed).toFixed(4)} per listed offer ` +
      `(${formatOps(source)}) vs minimum ${n(minSource)} (${list(figure.minimum.source)}); wall ${(figure.run.wallMs / 1000).toFixed(1)} s`,
  ];
}

function formatOps(counts: RequestCounts): string {
  const limited = counts.rateLimited > 0 ? `; ${n(counts.rateLimited)} refused with 429` : '';
  return `${list(counts.byOperation)}${limited}`;
}
