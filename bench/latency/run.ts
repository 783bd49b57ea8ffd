// Latency benchmark: how long a webhook's change takes to reach the other platform while a big
// reconciliation holds Offerslook's budget, against the same with no reconciliation (measured
// first, in the same run). Target: p95 below 20 s while the reconcile runs.
// Set-up: both sandboxes in child processes of their own (Offerslook limited to the documented
// 50 per 10 s), `webhookOffers` Offerit offers mirrored beforehand, then `offer-sync start` (HTTP
// ingress, workers; the README's default budgets, RECONCILE_BUDGET_SHARE default 0.8) as a child.
//   baseline  one webhook every `everyMs`: an Offerit offer renamed through the Offerit API, then
//             its signed webhook; latency = the webhook's 202 -> the PUT with the new name arriving
//             at the Offerslook sandbox;
//   loaded    `reconcileOffers` new Offerit offers are seeded and `offer-sync reconcile --from
//             offerit --to offerslook` runs as another child: each new offer needs a POST (and
//             some a base-event PATCH), far more than the budget passes in the measurement, so
//             reconciliation keeps Offerslook saturated throughout (it does not finish; it is
//             stopped after). The same webhooks again, and the share of Offerslook's budget the
//             reconcile got meanwhile (its requests / (50 per 10 s x the phase's length)).
// Printed: count, p50, p95, max per phase, the reconcile's share, and p95 / 20 s.
//   npx tsx bench/latency/run.ts            (REDIS_URL, or a private redis-server)
//   smaller: BENCH_BASELINE_EDITS, BENCH_LOADED_EDITS, BENCH_EVERY_MS, BENCH_RECONCILE_OFFERS
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { LoggedRequest } from '../../src/sandbox/common/index.js';
import { spawnCli, waitForOutput } from '../../test/helpers/cli.js';
import { acquireTestRedis } from '../../test/helpers/redis-server.js';
import { runReconcileChild } from '../reconcile/run-child.js';
import { platformClients } from '../shared/platforms.js';
import { countRequests, formatCounts } from '../shared/request-counts.js';
import {
  DEFAULT_BUDGETS,
  UNLIMITED,
  startSandboxPair,
  type SandboxPair,
} from '../shared/sandboxes.js';
import { summarize, type LatencySummary } from './percentiles.js';
import { timedEdit, type EditTarget, type EditTiming } from './webhook-edits.js';

export const P95_TARGET_MS = 20_000;
const EDIT_PREFIX = 'Latency edit';

export interface LatencyBenchOptions {
  redisUrl: string;
  /** Mirrored offers the webhooks edit, in turn (ids 1..n, n <= 100). @defaultValue 40 */
  webhookOffers?: number;
  /** @defaultValue 20 */
  baselineEdits?: number;
  /** @defaultValue 40 */
  loadedEdits?: number;
  /** One webhook every this many ms. @defaultValue 4000 */
  everyMs?: number;
  /** New offers the reconcile has to create. @defaultValue 10000 */
  reconcileOffers?: number;
}

export interface PhaseResult extends LatencySummary {
  /** First webhook to last edit arrived, in ms. */
  durationMs: number;
  /** Edits no longer on Offerslook at the end of the phase (overwritten by an older value). */
  lost: number;
  /** PUTs to the edited offers' twins that carried no edit of this bench (an older name). */
  staleWrites: number;
  /** Offerslook requests meanwhile, by who asked. */
  live: number;
  reconcile: number;
  liveOperations: string;
  reconcileOperations: string;
  /** reconcile / (the budget's rate x duration). */
  reconcileShare: number;
  liveShare: number;
}

export interface LatencyBenchResult {
  baseline: PhaseResult;
  loaded: PhaseResult;
  /** loaded p95 / 20 s. */
  ratio: number;
}

export async function runLatencyBench(options: LatencyBenchOptions): Promise<LatencyBenchResult> {
  const webhookOffers = options.webhookOffers ?? 40;
  const everyMs = options.everyMs ?? 4000;
  const reconcileOffers = options.reconcileOffers ?? 10_000;
  const secret = randomBytes(16).toString('hex');
  const pair = await startSandboxPair({
    redisUrl: options.redisUrl,
    seed: { offerit: { from: 1, count: webhookOffers } },
    name: 'bench-latency',
  });
  let service: ChildProcess | undefined;
  let reconcile: ChildProcess | undefined;
  try {
    await runReconcileChild(
      pair.env({ offerit: UNLIMITED, offerslook: UNLIMITED }),
      'offerit',
      'offerslook',
    );
    const { twins } = (await pair.children.offerslook.ask('twins')) as {
      twins: Record<string, number>;
    };
    await pair.limit('offerslook', DEFAULT_BUDGETS.offerslook);
    const env = pair.env(DEFAULT_BUDGETS, {
      WEBHOOK_SECRET: secret,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
    });
    service = spawnCli(['start'], env);
    const serviceOutput = tail(service);
    const [, serviceUrl] = await waitForOutput(
      service,
      /webhooks\s+POST (\S+)\/webhooks\//,
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${serviceOutput()}`);
    });
    const target: EditTarget = {
      serviceUrl: serviceUrl!,
      secret,
      offerit: platformClients(env).offerit,
      offerslook: pair.children.offerslook,
      waitMs: 120_000,
    };
    let edit = 0;
    const phase = async (edits: number): Promise<PhaseResult> => {
      await pair.clearLogs();
      const started = Date.now();
      const timings: Promise<EditTiming>[] = [];
      for (let index = 0; index < edits; index += 1) {
        const id = (edit % webhookOffers) + 1;
        edit += 1;
        timings.push(
          timedEdit(
            target,
            String(id),
            twins[String(id)]!,
            `${EDIT_PREFIX} ${edit} of offer ${id}`,
          ),
        );
        if (index < edits - 1) await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
      const done = await Promise.all(timings);
      const ended = Math.max(Date.now(), ...done.map((timing) => timing.arrivedAt ?? 0));
      const log = (await pair.logs()).offerslook.filter(
        (entry) => entry.time >= started && entry.time <= ended,
      );
      // Each edited offer's last name must still be there: a later write of an older one lost it.
      const last = new Map(done.map((timing) => [timing.offerId, timing.name]));
      let lost = 0;
      for (const [offerId, name] of last) {
        const now = (await pair.children.offerslook.ask(`name ${twins[offerId]}`)) as {
          name: string | null;
        };
        if (now.name !== name) lost += 1;
      }
      return { ...phaseResult(done, log, new Set(Object.values(twins)), ended - started), lost };
    };

    const baseline = await phase(options.baselineEdits ?? 20);
    await pair.clearLogs();
    await pair.children.offerit.ask(
      `seed ${JSON.stringify({ offerit: { from: 101, count: reconcileOffers } })}`,
    );
    reconcile = spawnCli(
      ['reconcile', '--from', 'offerit', '--to', 'offerslook', '--entity', 'offer', '--json'],
      env,
    );
    const reconcileOutput = tail(reconcile);
    await untilReconcileWrites(pair).catch((error: Error) => {
      throw new Error(`${error.message}\n${reconcileOutput()}`);
    });
    const loaded = await phase(options.loadedEdits ?? 40);
    return { baseline, loaded, ratio: loaded.p95Ms / P95_TARGET_MS };
  } finally {
    reconcile?.kill('SIGKILL');
    service?.kill('SIGKILL');
    await pair.stop();
  }
}

/** Keeps reading a child's output (a full pipe would stall it); returns its last 4 KB on demand. */
function tail(child: ChildProcess): () => string {
  let kept = '';
  const keep = (chunk: Buffer) => {
    kept = (kept + chunk.toString()).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => kept;
}

/**
 * Waits until the reconcile's first write reached Offerslook (the log holds nothing else): it has
 * listed its first page then, and from then on saturates the budget.
 */
async function untilReconcileWrites(pair: SandboxPair): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { writes } = (await pair.children.offerslook.ask('stats')) as { writes: number };
    if (writes > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the reconcile wrote nothing to Offerslook within 120 s');
}

function phaseResult(
  timings: readonly EditTiming[],
  log: readonly LoggedRequest[],
  twinIds: ReadonlySet<number>,
  durationMs: number,
): Omit<PhaseResult, 'lost'> {
  const isLive = (entry: LoggedRequest) => {
    const id = /^\/v1\/offers\/(\d+)/.exec(entry.path)?.[1];
    return id !== undefined && twinIds.has(Number(id));
  };
  const nameOf = (entry: LoggedRequest) =>
    (entry.params.offer as { name?: unknown } | undefined)?.name;
  const staleWrites = log.filter((entry) => {
    const name = nameOf(entry);
    return (
      isLive(entry) &&
      entry.method === 'PUT' &&
      !(typeof name === 'string' && name.startsWith(EDIT_PREFIX))
    );
  }).length;
  const live = log.filter(isLive).length;
  const reconcile = log.length - live;
  const operations = (entries: LoggedRequest[]) =>
    formatCounts(countRequests('offerslook', entries));
  const budget = DEFAULT_BUDGETS.offerslook;
  const slots = (durationMs / budget.durationMs) * budget.max;
  return {
    ...summarize(
      timings.map((timing) =>
        timing.arrivedAt === undefined ? undefined : timing.arrivedAt - timing.acceptedAt,
      ),
    ),
    durationMs,
    staleWrites,
    live,
    reconcile,
    liveOperations: operations(log.filter(isLive)),
    reconcileOperations: operations(log.filter((entry) => !isLive(entry))),
    reconcileShare: reconcile / slots,
    liveShare: live / slots,
  };
}

export function formatPhase(name: string, result: PhaseResult): string {
  const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'never');
  return (
    `${name}: ${result.count} webhooks${result.missing > 0 ? ` (${result.missing} never mirrored)` : ''}` +
    `${result.lost > 0 ? ` (${result.lost} edits LOST: overwritten by ${result.staleWrites} writes of an older name)` : ''}, ` +
    `p50 ${s(result.p50Ms)}, p95 ${s(result.p95Ms)}, max ${s(result.maxMs)}; over ${s(result.durationMs)} ` +
    `Offerslook served ${result.reconcile} reconcile and ${result.live} live requests: ` +
    `reconcile ${(result.reconcileShare * 100).toFixed(1)} % and live ${(result.liveShare * 100).toFixed(1)} % ` +
    `of the 50/10s budget [live: ${result.liveOperations}; reconcile: ${result.reconcileOperations}]`
  );
}

async function main(): Promise<void> {
  const redis = await acquireTestRedis();
  console.log(`redis: ${redis.description}`);
  const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  try {
    const result = await runLatencyBench({
      redisUrl: redis.url,
      ...(number('BENCH_BASELINE_EDITS') ? { baselineEdits: number('BENCH_BASELINE_EDITS') } : {}),
      ...(number('BENCH_LOADED_EDITS') ? { loadedEdits: number('BENCH_LOADED_EDITS') } : {}),
      ...(number('BENCH_EVERY_MS') ? { everyMs: number('BENCH_EVERY_MS') } : {}),
      ...(number('BENCH_RECONCILE_OFFERS')
        ? { reconcileOffers: number('BENCH_RECONCILE_OFFERS') }
        : {}),
    });
    console.log(formatPhase('baseline, no reconciliation', result.baseline));
    console.log(formatPhase('during a 10,000-offer reconcile offerit->offerslook', result.loaded));
    const ok =
      result.ratio < 1 &&
      result.loaded.missing === 0 &&
      result.loaded.lost === 0 &&
      result.baseline.lost === 0;
    console.log(
      `webhook-to-mirrored p95 during reconciliation / 20 s = ${result.ratio.toFixed(3)} ` +
        `(target < 1) [${ok ? 'ok' : 'MISSED'}]; p95 against the baseline's: ` +
        `${(result.loaded.p95Ms / result.baseline.p95Ms).toFixed(2)}x`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
