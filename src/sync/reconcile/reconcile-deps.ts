// What a reconciliation run needs, passed in: the sync's own ports, Redis for the run's working
// sets, the executor for live syncs, and optional reporting sinks.
import type { Logger } from '../../log/logger.js';
import type { MetricsRegistry } from '../../metrics/index.js';
import type { RedisConnection } from '../../store/index.js';
import type { SyncDeps } from '../run/index.js';
import type { SyncExecutor } from './sync-executor.js';
import type { RunStore } from '../../store/runs/run-store.js';
import type { EntityKey, EntityKind } from '../../vocabulary/index.js';
import type { ReconcileCounts, ReconcileItem } from './types.js';
import type { VanishedPolicy } from './vanish-policy.js';
import type { VanishGuard } from './vanish.js';

/** A permanent failure a run found itself (an item with a `code`), for the dead-letter queue. */
export interface ReconcileFailure {
  runId: string;
  kind: EntityKind;
  /** The source entity whose sync failed. */
  key: EntityKey;
  code: string;
  reason: string;
  at: Date;
}

/** Where a run's permanent failures go: the target connection's dead-letter queue. */
export interface ReconcileFailures {
  record(failure: ReconcileFailure): Promise<void>;
}

export interface ReconcileDeps {
  /** The same dependencies the sync queue's handler gets. */
  sync: SyncDeps;
  /** `main->partner-a`, as reports name the route. @defaultValue `<from>-><to>` (platforms) */
  routeName?: string;
  /** For the run's working sets and the retired-twin record. */
  redis: RedisConnection;
  /** The pair's hash-tagged key prefix (as its link store uses): the run's working sets live there. */
  prefix: string;
  /** Syncs changed entities in a live run (the queue executor); a dry run never uses it. */
  liveExecutor: SyncExecutor;
  vanishedPolicy: VanishedPolicy;
  /** Where run reports are kept; omit to keep none. */
  runs?: RunStore;
  /** Where a live run's permanent failures go (dead letters); omit to keep them in the report only. */
  failures?: ReconcileFailures;
  metrics?: Pick<MetricsRegistry, 'countDrift' | 'countReconcileWrites'>;
  logger?: Logger;
}

export interface ReconcileProgress {
  runId: string;
  kind: ReconcileItem['entity'];
  /** Streaming the source, or handling the twins of vanished sources. */
  phase: 'stream' | 'vanished';
  /** Items decided so far in this run. */
  done: number;
  counts: ReconcileCounts;
}

export interface ReconcileOptions {
  /** Use this id instead of a new one. */
  runId?: string;
  /** The reconcile job running this, recorded in the report so the two link up. */
  jobId?: string;
  /** Syncs in flight at most. @defaultValue 200 for a live run (jobs waiting in the queue), 16 for a dry run (in-process) */
  window?: number;
  /** Source records whose links are looked up together. @defaultValue 100 */
  pageSize?: number;
  /** Items a stored report keeps at most. @defaultValue 10000 */
  itemCap?: number;
  /** Every item as it is decided, unchanged ones included (the CLI prints them all). */
  onItem?: (item: ReconcileItem) => void | Promise<void>;
  onProgress?: (progress: ReconcileProgress) => void;
  /** Stops the run: no new syncs start, waits end, the report says `aborted`. */
  signal?: AbortSignal;
  /**
   * Refuses to retire twins when more than this share of a kind's links vanished in one run
   * (the run is reported `aborted`); `false` turns the guard off. @defaultValue DEFAULT_VANISH_GUARD
   */
  vanishGuard?: VanishGuard | false;
}
