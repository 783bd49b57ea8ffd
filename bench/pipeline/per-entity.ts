// Requests per created, updated and unchanged entity of live syncs (what a webhook or
// `offer-sync sync` enqueues) in each direction, through the queues and in-process workers,
// against the true minimum (shared/minimum.ts): a live job holds a reference only, so the source
// is read once (Offerslook GET /all; Offerit get_details, in v2 + get_commission_changes), plus
// the writes the target needs. Counted on the sandboxes' logs (`GET /__sandbox/log`) at the
// README's budgets, the sandboxes enforcing the same. Per direction, `entities` source offers:
//   created    every one synced once (none has a twin yet);
//   updated    `edited` of them edited on the source (shared/edits.ts), then synced;
//   unchanged  the others synced again, nothing having changed.
// Targets (the issue's), on the target platform: at most 1.1 requests per created offer plus the
// writes needed beyond one (Offerslook's base-event PATCH, Offerit's pause_offer); per updated
// offer the writes plus at most one read. Unchanged has no target for live syncs: shown against
// its minimum, the source read alone (the link's hash already says the source is as mirrored).
import type { RateLimit } from '../../src/config/index.js';
import type { PlatformName } from '../../src/vocabulary/index.js';
import { formatRateLimit } from '../../src/config/index.js';
import { loadMappings } from '../../src/mapping/index.js';
import type { LoggedRequest } from '../../src/sandbox/common/index.js';
import { startPipelineHarness, type PipelineHarness } from '../../test/helpers/pipeline-harness.js';
import { editSourceOffer, offerKey } from '../shared/edits.js';
import {
  mapRecord,
  offerRead,
  offeritCreateWrites,
  offerslookCreateWrites,
  tally,
} from '../shared/minimum.js';
import { ADVERTISER_MAP, offeritOffers, offerslookOffers } from '../shared/network.js';
import { platformClients } from '../shared/platforms.js';
import { countRequests, formatCounts, type RequestCounts } from '../shared/request-counts.js';
import { DEFAULT_BUDGETS } from '../shared/sandboxes.js';

export interface LiveFigure {
  name: 'created' | 'updated' | 'unchanged';
  from: PlatformName;
  to: PlatformName;
  entities: number;
  /** Sync results by action. */
  actions: Record<string, number>;
  source: RequestCounts;
  target: RequestCounts;
  minimum: { source: Record<string, number>; target: Record<string, number> };
  /** What the target may be asked in all (see the header). */
  allowedOnTarget: number;
}

export interface LiveOptions {
  redisUrl: string;
  prefix: string;
  /** Source offers per direction. @defaultValue 20 */
  entities?: number;
  /** Of them, edited before the `updated` syncs. @defaultValue 10 */
  edited?: number;
  /** @defaultValue DEFAULT_BUDGETS */
  budgets?: Record<PlatformName, RateLimit>;
}

const OFFERIT_ANSWERS = 'v2';

export async function measureLiveSyncs(options: LiveOptions): Promise<LiveFigure[]> {
  const entities = options.entities ?? 20;
  const edited = options.edited ?? 10;
  const budgets = options.budgets ?? DEFAULT_BUDGETS;
  const ids = Array.from({ length: entities }, (_, index) => index + 1);
  const harness = await startPipelineHarness({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    seed: {
      offerit: offeritOffers({ from: 1, count: entities }),
      offerslook: offerslookOffers({ from: 1, count: entities }),
    },
    sandboxRateLimit: budgets,
    budget: {
      offerit: formatRateLimit(budgets.offerit),
      offerslook: formatRateLimit(budgets.offerslook),
    },
    env: { ADVERTISER_MAP },
  });
  try {
    const mappings = await loadMappings('mappings');
    const clients = platformClients(harness.env);
    const figures: LiveFigure[] = [];
    for (const from of ['offerit', 'offerslook'] as const) {
      const to: PlatformName = from === 'offerit' ? 'offerslook' : 'offerit';
      const route = mappings.route(from, 'offer')!;
      const reads = (count: number) =>
        Array.from({ length: count }, () => offerRead(from, OFFERIT_ANSWERS)).flat();
      const live = async (
        name: LiveFigure['name'],
        synced: number[],
        writes: string[],
        allowedReads: number,
      ) => {
        restoreLimits(harness, budgets);
        const results = await Promise.all(
          synced.map((id) => harness.sync(from, offerKey(id), 120_000)),
        );
        const logs = await sandboxLogs(harness);
        figures.push({
          name,
          from,
          to,
          entities: synced.length,
          actions: tally(results.map((result) => result.action)),
          source: countRequests(from, logs[from]),
          target: countRequests(to, logs[to]),
          minimum: { source: tally(reads(synced.length)), target: tally(writes) },
          allowedOnTarget:
            writes.length + allowedReads + (name === 'created' ? 0.1 * synced.length : 0),
        });
        liftLimits(harness);
      };

      liftLimits(harness);
      const createWrites: string[] = [];
      for (const id of ids) {
        const mapped = mapRecord(route, (await clients[from].get(offerKey(id)))!);
        createWrites.push(
          ...(to === 'offerslook' ? offerslookCreateWrites(mapped) : offeritCreateWrites(mapped)),
        );
      }
      await live('created', ids, createWrites, 0);
      const changed = ids.slice(0, edited);
      const updateWrites: string[] = [];
      for (const [index, id] of changed.entries())
        updateWrites.push(...(await editSourceOffer(clients[from], route, from, id, index)));
      await live('updated', changed, updateWrites, changed.length);
      const same = ids.slice(edited);
      await live('unchanged', same, [], 0);
    }
    return figures;
  } finally {
    await harness.stop();
  }
}

/** No limit on either sandbox, logs cleared: for the bench's own requests. */
function liftLimits(harness: PipelineHarness): void {
  harness.offerit.runtime.setRateLimit(null);
  harness.offerslook.runtime.setRateLimit(null);
  harness.clearLogs();
}

/** The budgets back on both sandboxes, logs cleared: what follows is measured. */
function restoreLimits(harness: PipelineHarness, budgets: Record<PlatformName, RateLimit>): void {
  harness.offerit.runtime.setRateLimit(budgets.offerit);
  harness.offerslook.runtime.setRateLimit(budgets.offerslook);
  harness.clearLogs();
}

async function sandboxLogs(
  harness: PipelineHarness,
): Promise<Record<PlatformName, LoggedRequest[]>> {
  const read = async (url: string) => {
    const response = await fetch(`${url.replace(/\/api$/, '')}/__sandbox/log`);
    return ((await response.json()) as { requests: LoggedRequest[] }).requests;
  };
  return {
    offerit: await read(harness.env.OFFERIT_BASE_URL!),
    offerslook: await read(harness.env.OFFERSLOOK_BASE_URL!),
  };
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ') || 'none';

/** Whether the figure is judged: unchanged live syncs have no target. */
export function judgedLive(figure: LiveFigure): boolean {
  return figure.name !== 'unchanged';
}

export function meetsLiveTarget(figure: LiveFigure): boolean {
  const expected = { created: 'create', updated: 'update', unchanged: 'unchanged' }[figure.name];
  if (figure.actions[expected] !== figure.entities) return false;
  return !judgedLive(figure) || figure.target.total <= figure.allowedOnTarget;
}

export function formatLive(figure: LiveFigure): string[] {
  const minimum = sum(figure.minimum.source) + sum(figure.minimum.target);
  const measured = figure.source.total + figure.target.total;
  const perEntity = measured / figure.entities;
  const minPerEntity = minimum / figure.entities;
  const rule = {
    created: '1.1 per entity + the extra writes needed',
    updated: 'the writes + 1 read per entity',
    unchanged: '',
  }[figure.name];
  const target = judgedLive(figure)
    ? `target on ${figure.to} <= ${Math.floor(figure.allowedOnTarget)} (${rule}) ` +
      `[${meetsLiveTarget(figure) ? 'ok' : 'MISSED'}]`
    : `no target (shown)${meetsLiveTarget(figure) ? '' : ' [UNEXPECTED actions]'}`;
  return [
    `  ${figure.name.padEnd(9)} ${figure.from}->${figure.to}, ${figure.entities} live syncs ` +
      `(${list(figure.actions)}): ${perEntity.toFixed(3)} requests per entity vs minimum ` +
      `${minPerEntity.toFixed(3)} -> ratio ${(perEntity / minPerEntity).toFixed(3)}; ${target}`,
    `      ${figure.to} (target): ${figure.target.total} (${formatCounts(figure.target)}) vs minimum ` +
      `${sum(figure.minimum.target)} (${list(figure.minimum.target)})`,
    `      ${figure.from} (source): ${figure.source.total} (${formatCounts(figure.source)}) vs minimum ` +
      `${sum(figure.minimum.source)} (${list(figure.minimum.source)})`,
  ];
}
