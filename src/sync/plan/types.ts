// The planner's input and output. Records are entity-view records in the target's shape;
// fields are dotted paths into them.
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKind, PlatformRecord } from '../../vocabulary/index.js';
import type { ConflictValues } from '../../store/conflicts/conflict.js';
import type { Link } from '../../store/links/link.js';
import type { ConflictPolicy, FieldPolicy } from '../../mapping/types.js';
import type { EditTime } from './edit-time.js';
import type { FieldEquals } from './equals.js';

// A field's policy is the mapping's: the planner reads it as compiled (one definition).
export type { ConflictPolicy, FieldPolicy, SyncPolicy } from '../../mapping/types.js';

export interface Direction {
  from: PlatformName;
  to: PlatformName;
}

export interface PlanInput {
  kind: EntityKind;
  direction: Direction;
  /** The source record mapped into the target's shape. A field whose value is `undefined` here is left alone. */
  mapped: PlatformRecord;
  fields: readonly FieldPolicy[];
  conflictPolicy: ConflictPolicy;
  /** The twin as read now; `undefined` when there is none (create). */
  target?: PlatformRecord;
  /** The link between source and target, when one is stored. */
  link?: Link;
  /** `contentHash` of the source record as read now. */
  sourceHash: string;
  /** `contentHash` of the target record as read now (same options as the link's hashes). */
  targetHash?: string;
  /**
   * When each side's current value of a field came about, by target path (see `EditTime`): the
   * platform's update time where a side has one, offer-sync's observations where it has not.
   * `newest-wins` writes or keeps a field changed on both sides only when these order the two
   * edits; otherwise the field becomes a manual conflict. Default: none known.
   */
  sourceEdits?: Readonly<Record<string, EditTime>>;
  targetEdits?: Readonly<Record<string, EditTime>>;
  /** Field equality. Default: `defaultEquals` (decimals numerically; missing, null and "" alike). */
  equals?: FieldEquals;
  /**
   * Fields where the source value wins whenever it differs, whatever changed where: how a
   * manual conflict resolved with `--keep <source platform>` is applied. `'all'` forces every
   * `always` field. `once` and `never` fields are unaffected. Default: none.
   */
  force?: 'all' | readonly string[];
}

/** Why a field that differs was written (winner `source`) or left as the target has it (`target`). */
export type FieldReason =
  /** Only the source changed, or no baseline says otherwise. */
  | 'source-changed'
  /** Only the target changed: its own edit is respected; the reverse direction syncs it. */
  | 'target-edit'
  /** Both changed; the field's owner won. */
  | 'owner'
  /** Both changed; the later edit won (see the note's `times`). */
  | 'newest-wins'
  /** A `once` field already set on the target. */
  | 'once'
  /** Listed in `force`. */
  | 'forced';

export interface FieldNote {
  field: string;
  winner: 'source' | 'target';
  reason: FieldReason;
  /** For `newest-wins`: the two edit times that decided, so a report can say which kind did. */
  times?: { source: EditTime; target: EditTime };
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

/**
 * `written` is the target side's new baseline for the link (`LinkSide.written`);
 * `notes` explain every field that differed.
 */
export type Plan =
  /** No target was given: also when a linked twin has vanished; the caller decides whether to recreate it. */
  | { action: 'create'; fields: PlatformRecord; written: PlatformRecord }
  | {
      action: 'update';
      /** Keyed by dotted path: only fields that differ and that the source wins. */
      changes: Record<string, FieldChange>;
      written: PlatformRecord;
      notes: FieldNote[];
    }
  | { action: 'unchanged'; written: PlatformRecord; notes: FieldNote[] }
  /** The source's content is what we last wrote to it. `written` only when a target was given. */
  | { action: 'echo'; written?: PlatformRecord }
  | {
      action: 'conflict';
      /** Manual conflicts: fields changed on both sides, values by platform. */
      fields: Record<string, ConflictValues>;
      /** Of those, the ones a newest-wins route could not settle: their edit times overlap. */
      unordered: string[];
      /** The other fields' changes, safe to write while the conflict waits. */
      changes: Record<string, FieldChange>;
      written: PlatformRecord;
      notes: FieldNote[];
    };

export type PlanAction = Plan['action'];
export type { ConflictValues };
