// Writes a run makes by itself, without a sync job (pausing the twin of a vanished source,
// reactivating it when the source returns), go into the source entity's history like every sync
// job's writes, so `offer-sync history` lists every write offer-sync made to an entity's twins.
import { parseEntityKey, type PlatformName } from '../../vocabulary/index.js';
import { refOf, type SyncOperator } from '../run/operator-controls.js';
import type { ReconcileItem } from './types.js';

const RUN_WRITES = new Set<ReconcileItem['action']>(['pause', 'reactivate']);

export async function recordRunWrite(
  operator: SyncOperator | undefined,
  item: ReconcileItem,
  run: { runId: string; from: PlatformName; to: PlatformName; at: Date },
): Promise<void> {
  if (!operator || !RUN_WRITES.has(item.action) || item.targetId === undefined) return;
  const sourceKey = parseEntityKey(item.sourceId);
  const targetKey = parseEntityKey(item.targetId);
  if (!sourceKey || !targetKey) return;
  await operator.history.record(operator.connections[run.from], sourceKey, {
    at: run.at.toISOString(),
    route: operator.route,
    action: item.action,
    target: refOf(operator.connections[run.to], targetKey),
    jobId: null,
    runId: run.runId,
    writes: 1,
    changes: Object.fromEntries(
      Object.entries(item.changes).map(([field, change]) => [
        field,
        { from: change.from ?? null, to: change.to ?? null },
      ]),
    ),
  });
}
