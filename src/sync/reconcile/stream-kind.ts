// One kind's pass over the source: stream it page by page, look the page's links up together,
// decide each record cheaply (classify), and sync only the ones that need it, with a bounded
// number in flight. Every source key seen goes into the run's Redis set for the vanish check.
import { formatEntityKey, type EntityKey, type PlatformRecord } from '../../vocabulary/index.js';
import { LinkConflictError, type Link } from '../../store/index.js';
import { observedRead } from '../run/observe-read.js';
import { recordHasher } from '../run/record-hash.js';
import { refreshSide } from '../run/refresh-side.js';
import { syncEquals } from '../run/sync-equals.js';
import { classify } from './classify.js';
import { reactivateReturned } from './returning.js';
import { inspectRecord, type RecordInspection } from './inspect-record.js';
import { failedItem, itemOfSync } from './item-of-sync.js';
import type { StreamContext } from './stream-context.js';
import { batches, TaskWindow } from './task-window.js';

interface Listed {
  record: PlatformRecord;
  /** No later than the request that read the record, epoch milliseconds. */
  readAt: number;
  key: EntityKey;
  text: string;
  hash: string;
  link: Link | undefined;
}

export async function streamKind(context: StreamContext): Promise<void> {
  const { from, to, kind, deps } = context;
  const client = deps.sync.clients[from];
  const route = deps.sync.mappings.route(from, kind);
  const window = new TaskWindow(context.window);
  try {
    const now = () => deps.sync.now().getTime();
    // A batch may hold rows of a platform page fetched while the previous batch filled up: its
    // records are taken as read when that one began, so they never look fresher than they are.
    let previousStart = now();
    let start = previousStart;
    for await (const page of batches(client.list(kind), context.pageSize)) {
      context.signal?.throwIfAborted();
      const readAt = previousStart;
      const listed = await lookUp(page, readAt, context);
      previousStart = start;
      start = now();
      // Only changed linked records can hit a retired twin; ask Redis about those alone.
      const changed = listed.filter(
        (entry) => entry.link && entry.link[from].seenHash !== entry.hash,
      );
      const retiredFlags = await context.retired.has(
        to,
        kind,
        changed.map((entry) => formatEntityKey(entry.link![to].key)),
      );
      const retired = new Set(changed.filter((_, index) => retiredFlags[index]));
      const reactivated = await reactivateReturned(listed, route, context);
      for (const entry of listed) {
        const inspect = memo(() =>
          inspectRecord(route!, entry.record, entry.key.offerId, deps.sync.now()),
        );
        const decision = classify({
          from,
          to,
          hash: entry.hash,
          link: entry.link,
          routed: route !== undefined,
          inspect,
          twinRetired: retired.has(entry),
        });
        // A reactivated twin is this entity's item; an unchanged one needs no second.
        if (decision.action === 'unchanged' && reactivated.has(entry)) continue;
        if (decision.action !== 'sync') {
          await context.emit(
            {
              entity: kind,
              sourceId: entry.text,
              ...(decision.action === 'unchanged' || decision.targetId !== undefined
                ? { targetId: decision.targetId }
                : {}),
              action: decision.action,
              changes: {},
              warnings: [],
              ...(decision.action === 'unchanged' ? {} : { reason: decision.reason }),
              ...(decision.action === 'fail' ? { code: decision.code } : {}),
            },
            { drift: decision.action === 'fail' },
          );
          continue;
        }
        await syncOne(entry, inspect(), window, context);
      }
    }
  } finally {
    // Whatever stopped the stream, syncs already started finish and are reported.
    await window.drain();
  }
}

/**
 * The page's keys, hashes and links, looked up together. Each linked side is settled against
 * the record just listed (a legacy hash, our own unconfirmed write: see `refreshSide`), and the
 * whole page is observed in one call, so edit times are known without any further request.
 */
async function lookUp(
  page: PlatformRecord[],
  readAt: number,
  context: StreamContext,
): Promise<Listed[]> {
  const { from, kind, deps } = context;
  const client = deps.sync.clients[from];
  const hasher = recordHasher(deps.sync.mappings);
  const keys = page.map((record) => client.keyOf(kind, record));
  const texts = keys.map(formatEntityKey);
  await context.sets.add('seen', kind, texts);
  const links = await Promise.all(keys.map((key) => deps.sync.links.find(from, key)));
  const refreshed: Link[] = [];
  const listed = page.map((record, index): Listed => {
    const hash = hasher.hash(from, kind, record);
    let link = links[index];
    if (link) {
      const side = refreshSide(link, from, record, hash, syncEquals);
      if (side.changed) refreshed.push(side.link);
      link = side.link;
    }
    return { record, readAt, key: keys[index]!, text: texts[index]!, hash, link };
  });
  // A dry run writes nothing anywhere; a live one keeps what it settled, so the next run need not.
  if (!context.dryRun) await Promise.all(refreshed.map((link) => saveIfUnchanged(link, context)));
  const now = deps.sync.now().getTime();
  await deps.sync.observations.observe(
    from,
    kind,
    listed.map((entry) => observedRead(hasher, from, entry.key, entry.record, entry.link, now)),
    now,
  );
  return listed;
}

/** Saves a settled link unless a sync saved it meanwhile (then that sync's link stands). */
async function saveIfUnchanged(link: Link, context: StreamContext): Promise<void> {
  try {
    await context.deps.sync.links.save(link, { expectedVersion: link.version });
  } catch (error) {
    if (!(error instanceof LinkConflictError)) throw error;
  }
}

async function syncOne(
  entry: Listed,
  inspection: RecordInspection,
  window: TaskWindow,
  context: StreamContext,
): Promise<void> {
  const { from, to, kind } = context;
  const targetId = entry.link ? formatEntityKey(entry.link[to].key) : undefined;
  const missing = await unlinked(inspection.needs, context);
  if (missing.length > 0) {
    const planned = context.dryRun ? await plannedInThisRun(missing, context) : false;
    if (planned) {
      await context.emit(
        {
          entity: kind,
          sourceId: entry.text,
          ...(targetId === undefined ? {} : { targetId }),
          action: 'create',
          changes: {},
          warnings: [
            `waits for ${missing.map(formatEntityKey).join(', ')}, which this run creates first; its fields are planned then`,
          ],
        },
        { drift: true },
      );
      if (kind !== 'commission') await context.sets.add('pending', kind, [entry.text]);
      return;
    }
    await context.emit(
      failedItem(
        kind,
        entry.text,
        `${missing.map(formatEntityKey).join(', ')} on ${from} has no twin on ${to} (it failed or was skipped): sync it first`,
        targetId,
        'NO_TWIN',
      ),
      { drift: true },
    );
    return;
  }
  // Siblings under one offer sync one at a time: finding a goal's twin matches on its offer, and
  // Offerit adds goals by comparing an offer's goals before and after, so two at once would
  // take each other's twin.
  const chain = entry.key.offerId === undefined ? undefined : `offer:${entry.key.offerId}`;
  await window.submit(async () => {
    const outcome = await context.executor.sync(from, entry.key, {
      record: entry.record,
      readAt: entry.readAt,
    });
    if (!outcome.ok) {
      await context.emit(failedItem(kind, entry.text, outcome.reason, targetId), { drift: true });
      return;
    }
    const item = itemOfSync(outcome.result);
    if (context.dryRun && item.action === 'create' && kind !== 'commission') {
      await context.sets.add('pending', kind, [entry.text]);
    }
    await context.emit(item, {
      drift: item.action === 'create' || item.action === 'update',
      writes: outcome.result.writes,
    });
  }, chain);
}

/** The needed offers and goals that have no link yet. */
async function unlinked(needs: readonly EntityKey[], context: StreamContext): Promise<EntityKey[]> {
  if (needs.length === 0) return [];
  const links = await Promise.all(
    needs.map((key) => context.deps.sync.links.find(context.from, key)),
  );
  return needs.filter((_, index) => links[index] === undefined);
}

/** Dry run: whether every missing parent is one this run planned to create. */
async function plannedInThisRun(
  missing: readonly EntityKey[],
  context: StreamContext,
): Promise<boolean> {
  for (const key of missing) {
    const [pending] = await context.sets.has('pending', key.kind, [formatEntityKey(key)]);
    if (!pending) return false;
  }
  return true;
}

function memo<T>(compute: () => T): () => T {
  let value: { of: T } | undefined;
  return () => (value ??= { of: compute() }).of;
}
