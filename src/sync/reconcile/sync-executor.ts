// How reconciliation gets one entity synced: through the sync queues (a live run, so retries,
// limits and dead letters behave exactly as in the service) or in-process (a dry run).
import type { PlatformName } from '../../vocabulary/index.js';
import type { ListedRecord } from '../../store/index.js';
import type { EntityKey } from '../../vocabulary/index.js';
import type { SyncResult } from '../run/index.js';

export type SyncOutcome =
  | { ok: true; result: SyncResult }
  /** The sync failed for good; `reason` is one line, safe to show (never a secret). */
  | { ok: false; reason: string };

export interface SyncExecutor {
  /**
   * Syncs one source entity to the other platform, from the source as the run has just listed
   * it (not read again, unless a sync read it since). Resolves with its failure rather than
   * throwing.
   */
  sync(source: PlatformName, key: EntityKey, listed: ListedRecord): Promise<SyncOutcome>;
  /** Stops whatever the executor started (waiters, timers); not the shared connections. */
  close(): Promise<void>;
}
