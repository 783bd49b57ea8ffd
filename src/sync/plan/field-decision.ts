// The per-field rule of the planner, for a target that exists. A field's baseline is the value
// the link recorded for it on the target side (`LinkSide.written`): comparing the mapped
// source value and the current target value against it tells who changed the field. Without
// a baseline, the whole-record hashes stand in.
import { laterEdit, type EditTime } from './edit-time.js';
import type { FieldEquals } from './equals.js';
import type { ConflictPolicy, Direction, FieldPolicy, FieldReason } from './types.js';

export interface FieldFacts {
  policy: FieldPolicy;
  /** The mapped source value. */
  desired: unknown;
  /** The target's current value. */
  current: unknown;
  /** The baseline, when the link has one for this field. */
  base?: { value: unknown };
}

export interface RecordFacts {
  direction: Direction;
  conflictPolicy: ConflictPolicy;
  equals: FieldEquals;
  /** Source record differs from the one last seen (or none was seen). */
  sourceChanged: boolean;
  /** Target record differs from the one last seen (false when nothing was seen). */
  targetChanged: boolean;
  /** When each side's current value of a field (target path) came about, where known. */
  sourceEdit: (field: string) => EditTime | undefined;
  targetEdit: (field: string) => EditTime | undefined;
  forced: (field: string) => boolean;
}

export type FieldOutcome =
  /** Not managed in this run (no mapped value): nothing written, baseline kept. */
  | { kind: 'skip' }
  /** Already equal: the baseline becomes the mapped value. */
  | { kind: 'same' }
  | { kind: 'write'; reason: FieldReason }
  /** The target keeps its value; `baseline` is what to record for the field. */
  | { kind: 'keep'; reason: FieldReason; baseline: { value: unknown } | undefined }
  /**
   * A manual conflict: nothing written, baseline kept so it is found again next time. `unordered`:
   * the route says newest-wins, but the two edit times cannot be ordered.
   */
  | { kind: 'conflict'; unordered?: true };

export function decideField(field: FieldFacts, record: RecordFacts): FieldOutcome {
  const { policy, desired, current, base } = field;
  const path = policy.target;
  const equals = (a: unknown, b: unknown) => record.equals(path, a, b);
  if (desired === undefined) return { kind: 'skip' };
  if (equals(desired, current)) return { kind: 'same' };

  if (policy.sync === 'once') {
    // Set once: never again after we recorded it; filled only where the target has nothing.
    if (base) return { kind: 'keep', reason: 'once', baseline: base };
    // "Nothing" as the route's equality sees it (Offerslook's "-1" too, when the route says so).
    if (equals(current, undefined)) return { kind: 'write', reason: 'once' };
    return { kind: 'keep', reason: 'once', baseline: { value: current } };
  }
  if (record.forced(path)) return { kind: 'write', reason: 'forced' };

  const sourceChanged = base ? !equals(desired, base.value) : record.sourceChanged;
  const targetChanged = base ? !equals(current, base.value) : record.targetChanged;
  // A value the target keeps is recorded as the source's, so the next run again sees "only the
  // target changed" until the reverse direction brings the source into line.
  const keep = (reason: FieldReason): FieldOutcome => ({
    kind: 'keep',
    reason,
    baseline: { value: desired },
  });

  if (!targetChanged) return { kind: 'write', reason: 'source-changed' };
  if (!sourceChanged) return keep('target-edit');
  if (policy.owner !== undefined) {
    return policy.owner === record.direction.from
      ? { kind: 'write', reason: 'owner' }
      : keep('owner');
  }
  if (record.conflictPolicy === 'manual') return { kind: 'conflict' };
  const later = laterEdit(record.sourceEdit(path), record.targetEdit(path));
  if (later === 'source') return { kind: 'write', reason: 'newest-wins' };
  if (later === 'target') return keep('newest-wins');
  // Never settled silently: a person decides which edit stands.
  return { kind: 'conflict', unordered: true };
}
