// The operator's actions on one entity, shared by the CLI (`offer-sync approve|reject|lock|
// unlock|pending list`) and the console's buttons, so both do exactly the same thing: approving
// marks a pending offer approved and enqueues its sync along every route out of its connection
// (which creates the twin), rejecting makes its syncs skip it, a lock keeps every route off it.
import { enqueueSync, type Enqueued } from '../queue/index.js';
import type { EntityLock, ListedLock, PendingEntry } from '../store/index.js';
import type { ConnectionName, EntityRef } from '../vocabulary/index.js';
import type { App } from './app.js';

type OperatorApp = Pick<App, 'operator' | 'routesFrom' | 'queues' | 'now'>;

/** Why a ref cannot be approved or rejected, or undefined when it names an offer. */
export function notAnOffer(ref: EntityRef, text: string): string | undefined {
  return ref.key.kind === 'offer'
    ? undefined
    : `only new offers wait for approval (their goals and commissions follow them), got ${text}`;
}

/** The connections' pending offers, oldest first. */
export async function listPending(
  app: Pick<App, 'operator'>,
  connections: readonly ConnectionName[],
): Promise<PendingEntry[]> {
  const entries: PendingEntry[] = [];
  for (const connection of connections)
    entries.push(...(await app.operator.pending.list(connection)));
  return entries.sort(
    (a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.ref.localeCompare(b.ref),
  );
}

/** Approves one offer and enqueues its sync along every route out of its connection. */
export async function approveOffer(app: OperatorApp, ref: EntityRef): Promise<Enqueued[]> {
  await app.operator.pending.approve(ref.connection, ref.key);
  const queued: Enqueued[] = [];
  for (const route of app.routesFrom(ref.connection)) {
    queued.push(
      await enqueueSync(app.queues.sync, {
        source: ref.connection,
        target: route.target.name,
        kind: ref.key.kind,
        id: ref.key.id,
        reason: 'cli',
      }),
    );
  }
  return queued;
}

/** Rejects an offer; `false` when it was not pending (its syncs skip it all the same). */
export async function rejectOffer(app: OperatorApp, ref: EntityRef): Promise<boolean> {
  return Boolean(
    await app.operator.pending.reject(ref.connection, ref.key, app.now().toISOString()),
  );
}

export async function lockEntity(
  app: OperatorApp,
  ref: EntityRef,
  reason: string,
): Promise<EntityLock> {
  const lock = { reason, at: app.now().toISOString() };
  await app.operator.locks.lock(ref.connection, ref.key, lock);
  return lock;
}

/** `false` when the entity was not locked. */
export function unlockEntity(app: OperatorApp, ref: EntityRef): Promise<boolean> {
  return app.operator.locks.unlock(ref.connection, ref.key);
}

/** Every connection's locks, by ref. */
export async function listLocks(
  app: Pick<App, 'operator'>,
  connections: readonly ConnectionName[],
): Promise<ListedLock[]> {
  const locks: ListedLock[] = [];
  for (const connection of connections) locks.push(...(await app.operator.locks.list(connection)));
  return locks.sort((a, b) => a.ref.localeCompare(b.ref));
}
