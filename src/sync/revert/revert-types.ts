// What `offer-sync revert <run-id>` plans and reports. The JSON shape is a contract: `--json`
// prints it and automation reads it.
import type { EntityKind } from '../../vocabulary/index.js';

/**
 * What happens to one field the run changed: written back (`restore`), already back at the
 * run's `from` value (`already`), or left alone because the target holds neither (`refuse`).
 */
export type FieldVerdict = 'restore' | 'already' | 'refuse';

export interface FieldRevert {
  /** The target field (entity-view path), as the run report names it. */
  field: string;
  /** The value before the run: what a revert writes back. */
  from: unknown;
  /** What the run wrote. */
  to: unknown;
  /** What the target holds now (`undefined` when the twin could not be read). */
  now: unknown;
  verdict: FieldVerdict;
  /** Why a field is refused, in words. */
  reason?: string;
}

/**
 * One entity of the run: `planned` (a dry run, or before writing), `restored` (written back),
 * `refused` (nothing to write: every field refused or already back), `failed` (the read or the
 * write failed), `skipped` (not something a revert undoes: a create, a pause).
 */
export type EntityOutcome = 'planned' | 'restored' | 'refused' | 'failed' | 'skipped';

export interface EntityRevert {
  entity: EntityKind;
  /** The source entity the run synced, `offer:400`. */
  sourceId: string;
  /** Its twin on the target: the entity a revert writes. */
  targetId: string;
  outcome: EntityOutcome;
  fields: FieldRevert[];
  /** Why the entity failed or was skipped. */
  reason?: string;
}

export interface RevertCounts {
  /** Fields written back (planned, in a dry run). */
  restored: number;
  /** Fields left alone because the target changed since the run. */
  refused: number;
  /** Fields already holding their old value. */
  already: number;
  /** Entities whose read or write failed. */
  failed: number;
  /** Items of the run a revert does not undo (creates, pauses). */
  skipped: number;
}

export interface RevertReport extends RevertCounts {
  /** The reconcile run reverted. */
  runId: string;
  /** `offerit->offerslook`: the run's route; the revert writes its target. */
  route: string;
  /** The connection written. */
  target: string;
  dryRun: boolean;
  /** Platform writes the revert made (0 for a dry run). */
  writes: number;
  entities: EntityRevert[];
  /** Set when the run's stored report left items out (beyond its item cap): those are not reverted. */
  warning?: string;
}
