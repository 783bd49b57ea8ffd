// The sync planner: given the mapped source, the twin as read now and the link, decides the
// minimal write. Pure: no I/O, no clock. See field-decision.ts for the per-field rule.
import type { PlatformRecord } from '../../vocabulary/index.js';
import { defaultEquals } from './equals.js';
import { decideField, type RecordFacts } from './field-decision.js';
import { getPath, hasPath, setPath } from './paths.js';
import type {
  ConflictValues,
  FieldChange,
  FieldNote,
  FieldReason,
  Plan,
  PlanInput,
} from './types.js';

export function plan(input: PlanInput): Plan {
  const note = (field: string, winner: FieldNote['winner'], reason: FieldReason): FieldNote => {
    const source = input.sourceEdits?.[field];
    const target = input.targetEdits?.[field];
    return reason === 'newest-wins' && source && target
      ? { field, winner, reason, times: { source, target } }
      : { field, winner, reason };
  };
  const { direction, link, mapped, target } = input;
  const equals = input.equals ?? defaultEquals;
  const fields = input.fields.filter((field) => field.sync !== 'never');
  const baseline = link?.[direction.to].written;
  const baseOf = (path: string) =>
    baseline !== undefined && hasPath(baseline, path)
      ? { value: getPath(baseline, path) }
      : undefined;

  const sourceSide = link?.[direction.from];
  if (sourceSide?.writtenHash !== undefined && sourceSide.writtenHash === input.sourceHash) {
    if (target === undefined) return { action: 'echo' };
    // Ours coming back: nothing to write, but fields found equal refresh the baseline.
    let written: PlatformRecord = {};
    for (const { target: path } of fields) {
      const desired = getPath(mapped, path);
      const base = baseOf(path);
      if (desired !== undefined && equals(path, desired, getPath(target, path))) {
        written = setPath(written, path, desired);
      } else if (base) {
        written = setPath(written, path, base.value);
      }
    }
    return { action: 'echo', written };
  }

  if (target === undefined) {
    let record: PlatformRecord = {};
    for (const { target: path } of fields) {
      const value = getPath(mapped, path);
      if (value !== undefined) record = setPath(record, path, value);
    }
    return { action: 'create', fields: record, written: record };
  }

  const targetSide = link?.[direction.to];
  const force = input.force;
  const facts: RecordFacts = {
    direction,
    conflictPolicy: input.conflictPolicy,
    equals,
    sourceChanged: sourceSide?.seenHash === undefined || sourceSide.seenHash !== input.sourceHash,
    targetChanged:
      targetSide?.seenHash !== undefined &&
      input.targetHash !== undefined &&
      targetSide.seenHash !== input.targetHash,
    sourceEdit: (path) => input.sourceEdits?.[path],
    targetEdit: (path) => input.targetEdits?.[path],
    forced: (path) => force === 'all' || (force !== undefined && force.includes(path)),
  };

  const changes: Record<string, FieldChange> = {};
  const conflicts: Record<string, ConflictValues> = {};
  const unordered: string[] = [];
  const notes: FieldNote[] = [];
  let written: PlatformRecord = {};
  for (const policy of fields) {
    const path = policy.target;
    const desired = getPath(mapped, path);
    const current = getPath(target, path);
    const base = baseOf(path);
    const outcome = decideField({ policy, desired, current, ...(base ? { base } : {}) }, facts);
    switch (outcome.kind) {
      case 'skip':
      case 'conflict':
        if (base) written = setPath(written, path, base.value);
        if (outcome.kind === 'conflict') {
          conflicts[path] = {
            [direction.from]: desired,
            [direction.to]: current,
          } as ConflictValues;
          if (outcome.unordered) unordered.push(path);
        }
        break;
      case 'same':
        written = setPath(written, path, desired);
        break;
      case 'write':
        changes[path] = { from: current, to: desired };
        notes.push(note(path, 'source', outcome.reason));
        written = setPath(written, path, desired);
        break;
      case 'keep':
        notes.push(note(path, 'target', outcome.reason));
        if (outcome.baseline) written = setPath(written, path, outcome.baseline.value);
        break;
    }
  }

  if (Object.keys(conflicts).length > 0) {
    return { action: 'conflict', fields: conflicts, unordered, changes, written, notes };
  }
  if (Object.keys(changes).length > 0) return { action: 'update', changes, written, notes };
  return { action: 'unchanged', written, notes };
}
