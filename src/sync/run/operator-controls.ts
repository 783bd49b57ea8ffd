// What operators decide about single entities, as the sync use case sees it: a lock keeps every
// route from writing an entity, and a route with `approve_new` holds new source offers back until
// they are approved. Also where each sync's outcome is recorded for `offer-sync status` and
// `history`. Ports only: the Redis stores are passed in by the composition root.
import type {
  ConnectionName,
  EntityKey,
  PlatformName,
  PlatformRecord,
} from '../../vocabulary/index.js';
import { formatEntityKey, parseEntityKey } from '../../vocabulary/index.js';
import type {
  ApprovalDecision,
  EntityLock,
  HistoryStore,
  LockStore,
  PendingStore,
  PendingSummary,
} from '../../store/index.js';
import type { SyncResult } from './sync-result.js';

export interface SyncOperator {
  /** The connection on each platform of this route's pair. */
  connections: Readonly<Record<PlatformName, ConnectionName>>;
  /** `main->partner-a`: the route these deps sync along. */
  route: string;
  /** The route's `approve_new`: new source offers wait for approval. */
  approveNew: boolean;
  locks: Pick<LockStore, 'get'>;
  pending: Pick<PendingStore, 'hold' | 'decision' | 'get'>;
  history: Pick<HistoryStore, 'record' | 'setLastSync' | 'setLastError'>;
}

/** `main:offer:400` */
export function refOf(connection: ConnectionName, key: EntityKey): string {
  return `${connection}:${formatEntityKey(key)}`;
}

/** The lock on this side's entity, with the ref it names. */
export async function lockOn(
  operator: SyncOperator | undefined,
  platform: PlatformName,
  key: EntityKey,
): Promise<{ ref: string; lock: EntityLock } | undefined> {
  if (!operator) return undefined;
  const connection = operator.connections[platform];
  const lock = await operator.locks.get(connection, key);
  return lock && { ref: refOf(connection, key), lock };
}

export function lockedReason(found: { ref: string; lock: EntityLock }): string {
  const why = found.lock.reason === '' ? '' : `: ${found.lock.reason}`;
  return `${found.ref} is locked${why} (since ${found.lock.at}; offer-sync unlock ${found.ref})`;
}

/** Whether the route holds new offers back at all. */
export function holdsNewOffers(operator: SyncOperator | undefined, key: EntityKey): boolean {
  return operator?.approveNew === true && key.kind === 'offer';
}

export async function decisionOn(
  operator: SyncOperator,
  platform: PlatformName,
  key: EntityKey,
): Promise<ApprovalDecision> {
  return operator.pending.decision(operator.connections[platform], key);
}

/** Name and payout of a source offer as the pending list shows them (decimal text as read). */
export function pendingSummary(platform: PlatformName, record: PlatformRecord): PendingSummary {
  const text = (value: unknown): string | null =>
    typeof value === 'string' && value !== '' ? value : null;
  const payout =
    platform === 'offerit'
      ? (text(record.flat_amount_per_conversion) ??
        text(record.flat_amount_per_click) ??
        text(record.percentage_of_customer_conversion))
      : (text(record.payout) ?? text(record.percent_payout));
  return { name: text(record.name), payout };
}

/**
 * Records what a sync did: its writes in the source entity's history, and the last sync on both
 * the source and its twin, so `status` of either ref answers without a scan.
 */
export async function recordOutcome(
  operator: SyncOperator,
  result: SyncResult,
  source: PlatformName,
  sourceKey: EntityKey,
  jobId: string | undefined,
  at: Date,
): Promise<void> {
  const targetKey = result.targetId === undefined ? undefined : parseEntityKey(result.targetId);
  const sourceConnection = operator.connections[source];
  const targetConnection = operator.connections[result.target];
  const sourceRef = refOf(sourceConnection, sourceKey);
  const targetRef = targetKey ? refOf(targetConnection, targetKey) : null;
  const when = at.toISOString();
  const base = {
    at: when,
    route: operator.route,
    action: result.action,
    writes: result.writes,
    jobId: jobId ?? null,
  };
  const lossy = result.warnings
    .filter((warning) => warning.startsWith('lossy '))
    .map((warning) => warning.slice('lossy '.length));
  const writes: Promise<void>[] = [
    operator.history.setLastSync(sourceConnection, sourceKey, {
      ...base,
      other: targetRef,
      lossy,
      reason: result.reason ?? null,
    }),
  ];
  if (targetKey) {
    writes.push(
      operator.history.setLastSync(targetConnection, targetKey, {
        ...base,
        other: sourceRef,
        lossy: [],
        reason: result.reason ?? null,
      }),
    );
  }
  if (result.writes > 0 && targetRef) {
    writes.push(
      operator.history.record(sourceConnection, sourceKey, {
        ...base,
        target: targetRef,
        changes: Object.fromEntries(
          Object.entries(result.changes).map(([field, change]) => [
            field,
            { from: change.from ?? null, to: change.to ?? null },
          ]),
        ),
      }),
    );
  }
  await Promise.all(writes);
}
