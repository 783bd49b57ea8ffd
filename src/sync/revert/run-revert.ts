// Undoing one reconcile run on its target: read the run's report, read each updated twin as it
// stands now, plan field by field (plan-revert.ts), then write the old values back through the
// target's client (the connection's limiter, like every request) and record the result in the
// link so the next reconciliation leaves it alone.
//
// What the next reconciliation does: the reverted twin is recorded as last seen (and as our own
// write), while its per-field baseline keeps what the run wrote. So the source's next run finds
// the source unchanged and writes nothing; the reverse direction sees nothing new on the twin and
// carries nothing back. When the source later changes, a reverted field counts as an edit made on
// the target: it is kept unless the source changed that same field (then the route's owner or
// conflict policy decides, as for any field changed on both sides).
import { OfferSyncError, failureReason } from '../../errors/index.js';
import { LinkConflictError, type Link, type RunStore } from '../../store/index.js';
import {
  parseEntityKey,
  type EntityKey,
  type PlatformName,
  type PlatformRecord,
} from '../../vocabulary/index.js';
import { changesToRecord } from '../plan/index.js';
import type { ReconcileItem, ReconcileReport } from '../reconcile/types.js';
import { TaskWindow } from '../reconcile/task-window.js';
import { recordHasher } from '../run/record-hash.js';
import type { SyncDeps } from '../run/index.js';
import { syncEquals } from '../run/sync-equals.js';
import { planEntity, skippedEntity } from './plan-revert.js';
import type { EntityRevert, RevertCounts, RevertReport } from './revert-types.js';

/** Reads and writes in flight at once. */
const REVERT_CONCURRENCY = 4;
/** Attempts at saving a link another sync saved meanwhile. */
const LINK_SAVE_ATTEMPTS = 3;

export interface RevertRoute {
  /** The run's source and target platforms. */
  from: PlatformName;
  to: PlatformName;
  /** The connection written, by name. */
  target: string;
  sync: SyncDeps;
}

export interface RevertDeps {
  runs: Pick<RunStore, 'get'>;
  /** The configured route of this name (`offerit->offerslook`), or `undefined`. */
  route(name: string): RevertRoute | undefined;
}

/** A revert that cannot start: no such run, a run that changed nothing, a route gone from the config. */
export class RevertRefusedError extends OfferSyncError {
  override readonly name = 'RevertRefusedError';
  readonly code = 'REVERT_REFUSED';
  readonly retryable = false;
}

export interface RevertPlan {
  report: RevertReport;
  /** What each planned entity needs for its write: its key and the record read now. */
  readonly pending: ReadonlyMap<EntityRevert, { key: EntityKey; current: PlatformRecord }>;
  readonly route: RevertRoute;
}

/** Reads the run and the twins it updated (GET requests only) and decides every field. */
export async function planRevert(runId: string, deps: RevertDeps): Promise<RevertPlan> {
  const stored = await deps.runs.get(runId);
  if (!stored)
    throw new RevertRefusedError(
      `no reconcile run ${JSON.stringify(runId)} is kept (offer-sync keeps the last 50: GET /reconcile/runs)`,
    );
  if (!('items' in stored)) {
    throw new RevertRefusedError(
      stored.status === 'running'
        ? `run ${runId} is still running: revert it once it has finished`
        : `run ${runId} ended ${stored.status} without a stored report: nothing says what it changed`,
    );
  }
  const report: ReconcileReport = stored;
  if (report.dryRun) throw new RevertRefusedError(`run ${runId} was a dry run: it changed nothing`);
  const route = deps.route(report.route);
  if (!route) {
    throw new RevertRefusedError(
      `run ${runId} reconciled ${report.route}, which is not a configured route now`,
    );
  }
  const client = route.sync.clients[route.to];
  const entities: EntityRevert[] = [];
  const pending = new Map<EntityRevert, { key: EntityKey; current: PlatformRecord }>();
  const window = new TaskWindow(REVERT_CONCURRENCY);
  for (const item of report.items) {
    const skipped = skippedEntity(item);
    if (skipped) {
      entities.push(skipped);
      continue;
    }
    if (!isRevertible(item)) continue;
    const key = parseEntityKey(item.targetId);
    if (!key) {
      entities.push(failed(item, `the run's report names no readable twin (${item.targetId})`));
      continue;
    }
    const slot = entities.length;
    entities.push(failed(item, 'not read'));
    await window.submit(async () => {
      try {
        const current = await client.get(key);
        const planned = planEntity(item, current, syncEquals);
        entities[slot] = planned;
        if (current && planned.outcome === 'planned') pending.set(planned, { key, current });
      } catch (error) {
        entities[slot] = failed(item, `reading ${item.targetId} failed: ${failureReason(error)}`);
      }
    });
  }
  await window.drain();
  // Unchanged items are never kept; anything else beyond the cap was counted but not kept.
  const lost = report.itemsOmitted - report.unchanged;
  return {
    route,
    pending,
    report: {
      runId,
      route: report.route,
      target: route.target,
      dryRun: true,
      writes: 0,
      ...countsOf(entities),
      entities,
      ...(lost > 0
        ? {
            warning: `the run's stored report left out ${lost} changed items (item cap): they are not reverted`,
          }
        : {}),
    },
  };
}

/** Writes back every planned entity; each one's outcome and the counts are updated in place. */
export async function executeRevert(plan: RevertPlan, now: () => Date): Promise<RevertReport> {
  const { route, report } = plan;
  const client = route.sync.clients[route.to];
  const hasher = recordHasher(route.sync.mappings);
  let writes = 0;
  const window = new TaskWindow(REVERT_CONCURRENCY);
  for (const [entity, { key, current }] of plan.pending) {
    await window.submit(async () => {
      const restore = entity.fields.filter((field) => field.verdict === 'restore');
      const changes = Object.fromEntries(
        restore.map((field) => [field.field, { from: field.to, to: field.from }]),
      );
      try {
        const written = await client.update(key, changesToRecord(changes), current);
        writes += 1;
        // Offerit answers ids and status words: the twin is read back to know its hash.
        const record = written.record ?? (await client.get(key));
        if (record) {
          await recordReverted(route, key, hasher.hash(route.to, key.kind, record), now());
        }
        entity.outcome = 'restored';
      } catch (error) {
        entity.outcome = 'failed';
        entity.reason = `writing ${entity.targetId} back failed: ${failureReason(error)}`;
      }
    });
  }
  await window.drain();
  return { ...report, dryRun: false, writes, ...countsOf(report.entities) };
}

/**
 * The link's target side records the reverted twin as seen and as our own write, its `written`
 * baseline untouched: see the header for what the next reconciliation does with that.
 */
async function recordReverted(
  route: RevertRoute,
  key: EntityKey,
  hash: string,
  at: Date,
): Promise<void> {
  const { links } = route.sync;
  for (let attempt = 1; ; attempt += 1) {
    const link = await links.find(route.to, key);
    if (!link) return;
    const { unconfirmed: _settled, ...side } = link[route.to];
    const next: Link = {
      ...link,
      [route.to]: { ...side, seenHash: hash, writtenHash: hash, syncedAt: at.getTime() },
    };
    try {
      await links.save(next, { expectedVersion: link.version });
      return;
    } catch (error) {
      if (!(error instanceof LinkConflictError) || attempt >= LINK_SAVE_ATTEMPTS) throw error;
    }
  }
}

function isRevertible(item: ReconcileItem): item is ReconcileItem & { targetId: string } {
  return (
    item.action === 'update' && item.targetId !== undefined && Object.keys(item.changes).length > 0
  );
}

function failed(item: ReconcileItem, reason: string): EntityRevert {
  return {
    entity: item.entity,
    sourceId: item.sourceId,
    targetId: item.targetId ?? '',
    outcome: 'failed',
    fields: [],
    reason,
  };
}

export function countsOf(entities: readonly EntityRevert[]): RevertCounts {
  const counts: RevertCounts = { restored: 0, refused: 0, already: 0, failed: 0, skipped: 0 };
  for (const entity of entities) {
    if (entity.outcome === 'failed') counts.failed += 1;
    if (entity.outcome === 'skipped') counts.skipped += 1;
    for (const field of entity.fields) {
      if (field.verdict === 'refuse') counts.refused += 1;
      else if (field.verdict === 'already') counts.already += 1;
      else if (entity.outcome !== 'failed') counts.restored += 1;
    }
  }
  return counts;
}
