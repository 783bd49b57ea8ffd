// Vanished sources: after a kind's source stream completed, every link of that kind whose source
// was not seen in the stream points at an entity that no longer exists there. Its twin gets the
// vanish policy. Links touched by a sync since the run started are left alone: their source was
// alive then (created after the stream went past it).
import { formatEntityKey } from '../../platforms/entities.js';
import { isPlatformError } from '../../platforms/errors.js';
import type { Link } from '../../store/index.js';
import { failureReason, withBoundedRetry } from '../execute/bounded-retry.js';
import type { ReconcileItem } from '../types.js';
import type { StreamContext } from './stream-context.js';
import { batches, TaskWindow } from './task-window.js';
import { vanishStep } from './vanish-policy.js';

/** Vanish actions run at once. */
const VANISH_CONCURRENCY = 4;

export async function handleVanished(context: StreamContext): Promise<void> {
  const { from, kind, deps, sets, retired } = context;
  const window = new TaskWindow(VANISH_CONCURRENCY);
  for await (const page of batches(deps.sync.links.list(kind), context.pageSize)) {
    context.signal?.throwIfAborted();
    const old = page.filter((link) => !touchedSince(link, context.startedAtMs));
    const texts = old.map((link) => formatEntityKey(link[from].key));
    const seen = await sets.has('seen', kind, texts);
    const done = await retired.has(from, kind, texts);
    for (const [index, link] of old.entries()) {
      if (seen[index] || done[index]) continue;
      await window.submit(() => vanishOne(link, context));
    }
  }
  await window.drain();
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
    await withBoundedRetry(() =>
      step.do === 'retire' ? client.retire(targetKey) : client.update(targetKey, step.changes),
    );
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
