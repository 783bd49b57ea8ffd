// Vanished sources: after a kind's source stream completed, every link of that kind whose source
// was not seen in the stream points at an entity that no longer exists there. Its twin gets the
// vanish policy. Links touched by a sync since the run started are left alone: their source was
// alive then (created after the stream went past it). The vanished are first collected (in
// Redis) and counted: when a large share of a kind vanished at once, the source listing is far
// more likely incomplete (an id walk stopped early) than the network emptied, and nothing is done.
import { formatEntityKey, parseEntityKey } from '../../platforms/entities.js';
import { isPlatformError } from '../../platforms/errors.js';
import type { Link } from '../../store/index.js';
import { failureReason, withBoundedRetry } from '../execute/bounded-retry.js';
import type { ReconcileItem } from '../types.js';
import type { StreamContext } from './stream-context.js';
import { batches, TaskWindow } from './task-window.js';
import { vanishStep } from './vanish-policy.js';

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
export class VanishGuardError extends Error {
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
  for await (const texts of sets.scan('vanished', kind)) {
    context.signal?.throwIfAborted();
    const keys = texts.map(parseEntityKey).filter((key) => key !== undefined);
    const links = await Promise.all(keys.map((key) => deps.sync.links.find(from, key)));
    for (const link of links) {
      if (link) await window.submit(() => vanishOne(link, context));
    }
  }
  await window.drain();
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
  const sourceId = formatEntityKey(link[from].key);
  const targetKey = link[to].key;
  const step = vanishStep(deps.vanishedPolicy, to, kind);
  const item: ReconcileItem = {
    entity: kind,
    sourceId,
    targetId: formatEntityKey(targetKey),
    action: step.do === 'nothing' ? 'skip' : 'pause',
    changes: step.do === 'update' ? diffTo(step.changes) : {},
    warnings: [],
    reason: `the source vanished from ${from}: ${step.what}`,
  };
  if (step.do === 'nothing' || context.dryRun) {
    await context.emit(item, { drift: step.do !== 'nothing' });
    return;
  }
  const client = deps.sync.clients[to];
  try {
    await withBoundedRetry(async () => {
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

function touchedSince(link: Link, sinceMs: number): boolean {
  const times = [link.offerit.syncedAt, link.offerslook.syncedAt];
  return times.some((time) => time !== undefined && time >= sinceMs);
}

function diffTo(changes: Record<string, unknown>): ReconcileItem['changes'] {
  return Object.fromEntries(
    Object.entries(changes).map(([field, to]) => [field, { from: undefined, to }]),
  );
}
