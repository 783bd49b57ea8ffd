// Returning sources: an offer that vanished had its twin paused (vanish.ts) and remembered as
// retired. When the source shows up in a listing again, its twin takes the source's status once
// more (active, as a rule), the retired marker is forgotten, and the run reports the entity as
// `reactivated`. Once: the next run finds no marker and, the link's hashes being what they were
// before the pause, nothing to do. Offers only: a returning offer's goals and commissions are
// synced as any changed entity would be.
import type { CompiledRoute } from '../../mapping/index.js';
import { failureReason } from '../../errors/index.js';
import { withRequestRetries } from '../../platforms/request-retries.js';
import type { Link } from '../../store/index.js';
import { formatEntityKey, type PlatformName, type PlatformRecord } from '../../vocabulary/index.js';
import { getPath, setPath } from '../plan/index.js';
import type { StreamContext } from './stream-context.js';
import type { ReconcileItem } from './types.js';
import { permanentCode } from './vanish.js';

/** The twin's field a pause changed, by the twin's platform (`status` / Offerit's `active`). */
const STATUS_FIELD: Readonly<Record<PlatformName, string>> = {
  offerslook: 'status',
  offerit: 'active',
};

export interface ReturnCandidate {
  record: PlatformRecord;
  /** `offer:400` */
  text: string;
  link: Link | undefined;
}

/**
 * Reactivates the twins of the page's returned sources; resolves with the entries it did (or,
 * in a dry run, would) reactivate. A failed write keeps the marker, so the next run tries again.
 */
export async function reactivateReturned<T extends ReturnCandidate>(
  entries: readonly T[],
  route: CompiledRoute | undefined,
  context: StreamContext,
): Promise<Set<T>> {
  const { from, to, kind, deps } = context;
  const done = new Set<T>();
  if (kind !== 'offer' || !route) return done;
  const linked = entries.filter((entry) => entry.link !== undefined);
  const flags = await context.retired.has(
    from,
    kind,
    linked.map((entry) => entry.text),
  );
  const field = STATUS_FIELD[to];
  for (const entry of linked.filter((_, index) => flags[index])) {
    const targetKey = entry.link![to].key;
    const mapped = route.apply(entry.record, { now: deps.sync.now(), resolve: () => undefined });
    const status = getPath(mapped.value, field);
    const item: ReconcileItem = {
      entity: kind,
      sourceId: entry.text,
      targetId: formatEntityKey(targetKey),
      action: 'reactivate',
      changes: { [field]: { from: undefined, to: status } },
      warnings: [],
      reason: `its source came back on ${from}: the twin paused when it vanished takes the source's ${field} again`,
    };
    if (status === undefined) continue;
    if (!context.dryRun) {
      try {
        await withRequestRetries(() =>
          deps.sync.clients[to].update(targetKey, setPath({}, field, status)),
        );
      } catch (error) {
        await context.emit(
          {
            ...item,
            action: 'fail',
            reason: `its source came back on ${from}, but reactivating the twin failed: ${failureReason(error)}`,
            ...permanentCode(error),
          },
          { drift: true },
        );
        continue;
      }
      await context.retired.remove(from, kind, entry.text);
    }
    await context.emit(item, { drift: true, writes: context.dryRun ? 0 : 1 });
    done.add(entry);
  }
  return done;
}
