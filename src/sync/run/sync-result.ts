// What one sync did, in the shape reconciliation reports and `sync --wait` prints.
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKind } from '../../vocabulary/index.js';

export type SyncAction =
  | 'create'
  | 'update'
  | 'unchanged'
  | 'echo'
  | 'conflict'
  | 'skip'
  /** The source or its twin is locked by an operator: nothing written, not an error. */
  | 'locked'
  /** A new offer on an `approve_new` route: held in the pending list, nothing created. */
  | 'pending'
  /** A new offer an operator rejected: skipped until approved. */
  | 'rejected';

export interface SyncResult {
  route: string;
  entity: EntityKind;
  source: PlatformName;
  sourceId: string;
  target: PlatformName;
  targetId?: string;
  action: SyncAction;
  /** Field-level changes written (or, in a dry run, that would be written). */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** Lossy fields, field notes and other things worth a look; never secrets. */
  warnings: string[];
  /** Why nothing was done (skip, locked, pending, rejected) or what waits (conflict). */
  reason?: string;
  conflictId?: string;
  dryRun: boolean;
  /** Platform writes this sync made (0 for unchanged, echo and dry runs). */
  writes: number;
}
