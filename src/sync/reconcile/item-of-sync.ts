// Turns what one sync did (or, in a dry run, would do) into a report item.
import type { SyncResult } from '../run/index.js';
import type { ReconcileItem } from './types.js';

export function itemOfSync(result: SyncResult): ReconcileItem {
  const base = {
    entity: result.entity,
    sourceId: result.sourceId,
    ...(result.targetId === undefined ? {} : { targetId: result.targetId }),
    changes: result.changes,
    warnings: result.warnings,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
  };
  switch (result.action) {
    case 'create':
    case 'update':
    case 'unchanged':
    case 'skip':
      return { ...base, action: result.action };
    case 'pending':
      return { ...base, action: 'pending' };
    case 'locked':
    case 'rejected':
      // An operator's decision: nothing written, nothing failed.
      return { ...base, action: 'skip' };
    case 'echo':
      // Our own earlier write seen again: nothing differs.
      return { ...base, action: 'unchanged' };
    case 'conflict': {
      // A manual conflict waits for `conflicts resolve`; the fields without one were still written.
      const waiting = `conflict ${result.conflictId ?? '?'} waits: ${result.reason ?? 'fields changed on both sides'}`;
      return result.writes > 0
        ? { ...base, action: 'update', warnings: [...result.warnings, waiting] }
        : { ...base, action: 'skip', reason: waiting };
    }
  }
}

/** An item for an entity whose sync failed (the job failed for good, or the dry run threw). */
export function failedItem(
  entity: ReconcileItem['entity'],
  sourceId: string,
  reason: string,
  targetId?: string,
  /** Set for a permanent failure the run found itself (see ReconcileItem.code). */
  code?: string,
): ReconcileItem {
  return {
    entity,
    sourceId,
    ...(targetId === undefined ? {} : { targetId }),
    action: 'fail',
    changes: {},
    warnings: [],
    reason,
    ...(code === undefined ? {} : { code }),
  };
}
