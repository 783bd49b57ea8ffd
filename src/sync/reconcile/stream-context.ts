// Everything one kind's pass of a run shares: where from and to, the run's sets, the executor,
// and `emit`, the single place items are counted, reported and measured.
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKind } from '../../vocabulary/index.js';
import type { SyncExecutor } from './sync-executor.js';
import type { RetiredTwins } from '../../store/reconcile/retired-twins.js';
import type { RunSets } from '../../store/reconcile/run-sets.js';
import type { ReconcileItem } from './types.js';
import type { ReconcileDeps } from './reconcile-deps.js';
import type { VanishGuard } from './vanish.js';

export interface EmitOptions {
  /** The entity differs between the platforms (created, updated, paused, or failed while trying). */
  drift?: boolean;
  /** Platform writes made for it. @defaultValue 0 */
  writes?: number;
}

export interface StreamContext {
  from: PlatformName;
  to: PlatformName;
  kind: EntityKind;
  dryRun: boolean;
  /** Epoch milliseconds. */
  startedAtMs: number;
  pageSize: number;
  window: number;
  deps: ReconcileDeps;
  sets: RunSets;
  retired: RetiredTwins;
  executor: SyncExecutor;
  signal: AbortSignal | undefined;
  vanishGuard: VanishGuard | false;
  emit(item: ReconcileItem, options?: EmitOptions): Promise<void>;
}
