// Vanished sources: after a kind's source stream completed, every link of that kind whose source
// was not seen in the stream points at an entity that no longer exists there. Its twin gets the
// vanish policy. Links touched by a sync since the run started are left alone: their source was
// alive then (created after the stream went past it). The vanished are first collected (in
// Redis) and counted: when a large share of a kind vanished at once, the source listing is far
// more likely incomplete (an id walk stopped early) than the network emptied, and nothing is done.
import { failureReason } from '../../errors/index.js';
import { withRequestRetries } from '../../platforms/request-retries.js';
import { OfferSyncError } from '../../errors/index.js';
import { formatEntityKey, parseEntityKey } from '../../vocabulary/index.js';
import { isPlatformError } from '../../platforms/errors.js';
import type { RetireOutcome } from '../../platforms/platform-client.js';
import type { Link } from '../../store/index.js';
import type { ReconcileItem } from './types.js';
import type { StreamContext } from './stream-context.js';
import { batches, TaskWindow } from './task-window.js';
import { vanishStep, type VanishStep } from './vanish-policy.js';

/** Vanish actions run at once. */
const VANISH_CONCURRENCY = 4;

export interface VanishGuard {
  /** Share of a kind's links (0..1) that may vanish in one run. @defaultValue 0.5 */
  maxShare: number;
  /** Vanished twins always allowed, whatever the share. @defaultValue 20 */
  alwaysAllowed: number;
}

export const DEFAULT_VANISH_GUARD: Readonly<VanishGuard> = { maxShare: 0.5, alwaysAllowed: 20 };

/** Thrown (and the run reported `aborted`) when the guard stops a mass retirement. */
export class VanishGuardError extends OfferSyncError {
  override readonly name = 'VanishGuardError';
  readonly code = 'VANISH_GUARD';
  readonly retryable = false;
}

export async function handleVanished(context: StreamContext): Promise<void> {
  const { from, to, kind, deps, sets } = context;
  const step = vanishStep(deps.vanishedPolicy, to, kind);
  const { total, vanished } = await collectVanished(context);
  if (vanished === 0) return;
  const guard = context.vanishGuard;
  if (
    step.do !== 'nothing' &&
    guard !== false &&
    vanished > guard.alwaysAllowed &&
    vanished > total * guard.maxShare
  ) {
    throw new VanishGuardError(
      `${vanished} of ${total} linked ${kind}s vanished from ${from} at once (more than ${Math.round(guard.maxShare * 100)}%): ` +
        `their twins on ${to} were not retired. Check that ${from} lists everything (for Offerit: OFFERIT_MAX_OFFER_ID, ` +
        `OFFERIT_EMPTY_WINDOWS); if they really are gone, reconcile with a higher vanish guard.`,
    );
  }
  const window = new TaskWindow(VANISH_CONCURRENCY);
  const client = deps.sync.clients[to];
  // Where the platform retires many in one request (Offerslook pauses 100 offers per call), the
  // vanished go in batches: one request instead of one per twin.
  const bulk = step.do === 'retire' && !context.dryRun && client.retireMany !== undefined;
  for await (const texts of sets.scan('vanished', kind)) {
    context.signal?.throwIfAborted();
    const keys = texts.map(parseEntityKey).filter((key) => key !== undefined);
    const found = await Promise.all(keys.map((key) => deps.sync.links.find(from, key)));
    const links = found.filter((link) => link !== undefined);
    if (bulk) {
      for (const batch of chunks(links, RETIRE_BATCH)) {
        await window.submit(() => vanishTogether(batch, context));
      }
    } else {
      for (const link of links) await window.submit(() => vanishOne(link, context));
    }
  }
  await window.drain();
}

/** Twins retired per `retireMany` call at most (Offerslook takes 100 ids per batch PATCH). */
const RETIRE_BATCH = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

/** One `retireMany` request for a batch of vanished sources' twins; an item per twin. */
async function vanishTogether(links: readonly Link[], context: StreamContext): Promise<void> {
  const { from, to, kind, deps } = context;
  const step = vanishStep(deps.vanishedPolicy, to, kind);
  const client = deps.sync.clients[to];
  const items = links.map((link) => vanishedItem(link, step, context));
  let outcomes: RetireOutcome[];
  try {
    outcomes = await withRequestRetries(() =>
      client.retireMany!(
        kind,
        links.map((link) => link[to].key),
      ),
    );
  } catch (error) {
    for (const item of items) {
      await context.emit(
        {
          ...item,
          action: 'fail',
          reason: `the source vanished from ${from}; ${failureReason(error)}`,
          ...permanentCode(error),
        },
        { drift: true },
      );
    }
    return;
  }
  let charged = false;
  for (const [index, outcome] of outcomes.entries()) {
    const item = items[index]!;
    if (!outcome.ok && !(isPlatformError(outcome.error) && outcome.error.code === 'NOT_FOUND')) {
      const reason = `the source vanished from ${from}; ${failureReason(outcome.error)}`;
      await context.emit(
        { ...item, action: 'fail', reason, ...permanentCode(outcome.error) },
        { drift: true },
      );
      continue;
    }
    if (!outcome.ok) item.warnings.push(`the twin was already gone from ${to}`);
    else if (outcomes.length > 1)
      item.warnings.push(`retired with ${outcomes.length - 1} others in one request`);
    await context.retired.add(from, kind, item.sourceId);
    // The request is charged to the first twin it retired: `writes` counts requests.
    const writes = outcome.ok && !charged ? 1 : 0;
    if (writes > 0) charged = true;
    await context.emit(item, { drift: true, writes });
  }
}

function vanishedItem(link: Link, step: VanishStep, context: StreamContext): ReconcileItem {
  const { from, to, kind } = context;
  return {
    entity: kind,
    sourceId: formatEntityKey(link[from].key),
    targetId: formatEntityKey(link[to].key),
    action: step.do === 'nothing' ? 'skip' : 'pause',
    changes: step.do === 'update' ? diffTo(step.changes) : {},
    warnings: [],
    reason: `the source vanished from ${from}: ${step.what}`,
  };
}

/** Puts every vanished source of this kind in the run's `vanished` set; counts them and the links. */
async function collectVanished(
  context: StreamContext,
): Promise<{ total: number; vanished: number }> {
  const { from, kind, deps, sets, retired } = context;
  let total = 0;
  let vanished = 0;
  for await (const page of batches(deps.sync.links.list(kind), context.pageSize)) {
    context.signal?.throwIfAborted();
    total += page.length;
    const old = page.filter((link) => !touchedSince(link, context.startedAtMs));
    const texts = old.map((link) => formatEntityKey(link[from].key));
    const seen = await sets.has('seen', kind, texts);
    const done = await retired.has(from, kind, texts);
    const gone = texts.filter((_, index) => !seen[index] && !done[index]);
    await sets.add('vanished', kind, gone);
    vanished += gone.length;
  }
  return { total, vanished };
}

async function vanishOne(link: Link, context: StreamContext): Promise<void> {
  const { from, to, kind, deps } = context;
  const targetKey = link[to].key;
  const step = vanishStep(deps.vanishedPolicy, to, kind);
  const item = vanishedItem(link, step, context);
  const { sourceId } = item;
  if (step.do === 'nothing' || context.dryRun) {
    await context.emit(item, { drift: step.do !== 'nothing' });
    return;
  }
  const client = deps.sync.clients[to];
  try {
    await withRequestRetries(async () => {
      if (step.do === 'retire') await client.retire(targetKey);
      else await client.update(targetKey, step.changes);
    });
  } catch (error) {
    if (!(isPlatformError(error) && error.code === 'NOT_FOUND')) {
      await context.emit(
        {
          ...item,
          action: 'fail',
          reason: `the source vanished from ${from}; ${failureReason(error)}`,
          ...permanentCode(error),
        },
        { drift: true },
      );
      return;
    }
    item.warnings.push(`the twin was already gone from ${to}`);
  }
  await context.retired.add(from, kind, sourceId);
  await context.emit(item, { drift: true, writes: item.warnings.length > 0 ? 0 : 1 });
}

/** The code of a failure no retry can fix (a refused retirement), as an item carries it. */
export function permanentCode(error: unknown): { code?: string } {
  if (isPlatformError(error) || error instanceof OfferSyncError) {
    return error.retryable ? {} : { code: error.code };
  }
  return {};
}

function touchedSince(link: Link, sinceMs: number): boolean {
  const times = [link.offerit.syncedAt, link.offerslook.syncedAt];
  return times.some((time) => time !== undefined && time >= sinceMs);
}

function diffTo(changes: Record<string, unknown>): ReconcileItem['changes'] {
  return Object.fromEntries(
    Object.entries(changes).map(([field, to]) => [field, { from: undefined, to }]),
  );
}
