// What a reconciliation run is asked to do and what it reports. The JSON shape of a report is a
// contract: `offer-sync reconcile --json` prints it and automation reads it.
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKind } from '../../vocabulary/index.js';
import type { ReconcileEntity, SyncReason } from '../../vocabulary/index.js';

export type ReconcileAction =
  | 'create'
  | 'update'
  | 'unchanged'
  | 'skip'
  | 'fail'
  | 'pause'
  /** A twin paused because its source vanished, set active again as its source came back. */
  | 'reactivate'
  /** A new offer (or its goal, commission) an `approve_new` route holds for approval. */
  | 'pending';
export const RECONCILE_ACTIONS: readonly ReconcileAction[] = [
  'create',
  'update',
  'unchanged',
  'skip',
  'fail',
  'pause',
  'reactivate',
  'pending',
];

/** The kinds one `--entity` value covers, parents first: children need their offer's twin. */
export function kindsOf(entity: ReconcileEntity): EntityKind[] {
  return entity === 'all' ? ['offer', 'goal', 'commission'] : [entity];
}

export interface ReconcileRequest {
  from: PlatformName;
  to: PlatformName;
  entity: ReconcileEntity;
  /** Plan and report only: nothing is written to either platform. */
  dryRun: boolean;
  /** Who asked: `cli` for the command, `schedule` for the pipeline's timer. @defaultValue 'cli' */
  reason?: SyncReason;
}

export interface FieldDiff {
  from: unknown;
  to: unknown;
}

export interface ReconcileItem {
  entity: EntityKind;
  /** `offer:400`, `goal:400/48`: the entity on the source platform. */
  sourceId: string;
  /** Its twin on the target, when there is one (or, after a create, the new one). */
  targetId?: string;
  action: ReconcileAction;
  /** Field-level changes made (or, in a dry run, planned), by target field. */
  changes: Record<string, FieldDiff>;
  warnings: string[];
  /** Why: a skip's "no twin possible" reason, a failure's error, what a pause did. */
  reason?: string;
  /**
   * A failure's stable code, when it is permanent and found by the run itself (not by a sync
   * job, which dead-letters its own): `UNMAPPABLE` and the other value codes, `NO_TWIN` (a
   * parent without a twin), a platform's `VALIDATION`. Such a failure is also a dead letter.
   */
  code?: string;
}

/** Counts by outcome; the JSON names are the contract's (`created`, not `create`). */
export interface ReconcileCounts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  paused: number;
  reactivated: number;
  /** New offers held for approval (`offer-sync pending list`), with their goals and commissions. */
  pending: number;
}

export const COUNT_OF: Readonly<Record<ReconcileAction, keyof ReconcileCounts>> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  skip: 'skipped',
  fail: 'failed',
  pause: 'paused',
  reactivate: 'reactivated',
  pending: 'pending',
};

export function emptyCounts(): ReconcileCounts {
  return {
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    paused: 0,
    reactivated: 0,
    pending: 0,
  };
}

/**
 * `interrupted`: the run was still `running` when the next run of its route started, and no
 * process held its lease any more (the process running it crashed or was killed).
 */
export type RunStatus = 'running' | 'done' | 'aborted' | 'interrupted';

/** A run without its items: what `GET /reconcile/runs` lists. */
export interface RunSummary extends ReconcileCounts {
  runId: string;
  /** The reconcile job that ran it, when a queue did (Bull Board shows the run id back). */
  jobId?: string;
  /** `offerit->offerslook` */
  route: string;
  entity: ReconcileEntity;
  dryRun: boolean;
  reason: SyncReason;
  status: RunStatus;
  /** ISO 8601. */
  startedAt: string;
  finishedAt?: string;
  /** Platform writes the run made (creates, updates and vanish actions; 0 for a dry run). */
  writes: number;
  /** Why the run stopped early (`aborted`, `interrupted`): a source stream failed, Redis went away, ... */
  error?: string;
  /** The stable code of that error, when it had one (`VANISH_GUARD`, `TRANSIENT`, ...). */
  errorCode?: string;
}

export interface ReconcileReport extends RunSummary {
  items: ReconcileItem[];
  /** Items the stored report leaves out (unchanged ones, and any beyond its item cap). */
  itemsOmitted: number;
}

/** `offerit->offerslook` */
export function routeLabel(from: PlatformName, to: PlatformName): string {
  return `${from}->${to}`;
}
