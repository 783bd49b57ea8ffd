// The pure half of a revert: given one updated item of a run's report and its twin as it stands
// now, decide field by field. A field is written back only where the target still holds exactly
// what the run wrote; anything else means someone (or something) changed it since, and the
// revert would overwrite that edit, so it is refused and named.
import type { PlatformRecord } from '../../vocabulary/index.js';
import type { ReconcileItem } from '../reconcile/types.js';
import { getPath, type FieldEquals } from '../plan/index.js';
import type { EntityRevert, FieldRevert } from './revert-types.js';

/** Values are shown in reasons as JSON, cut short: a reason stays one readable line. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

export function planField(
  field: string,
  change: { from?: unknown; to?: unknown },
  now: unknown,
  equals: FieldEquals,
): FieldRevert {
  const { from, to } = change;
  const base = { field, from, to, now };
  if (equals(field, now, from)) return { ...base, verdict: 'already' };
  if (!equals(field, now, to)) {
    return {
      ...base,
      verdict: 'refuse',
      reason: `changed since: now ${show(now)}, run wrote ${show(to)}`,
    };
  }
  if (from === undefined) {
    // The run filled an empty field; "no value" cannot be written through the platforms' APIs.
    return {
      ...base,
      verdict: 'refuse',
      reason: 'had no value before the run: nothing to write back',
    };
  }
  return { ...base, verdict: 'restore' };
}

/** The plan for one item of the run; `current` is the twin now (`undefined`: it is gone). */
export function planEntity(
  item: ReconcileItem & { targetId: string },
  current: PlatformRecord | undefined,
  equals: FieldEquals,
): EntityRevert {
  const base = { entity: item.entity, sourceId: item.sourceId, targetId: item.targetId };
  const changes = Object.entries(item.changes);
  if (current === undefined) {
    return {
      ...base,
      outcome: 'refused',
      fields: changes.map(([field, change]) => ({
        field,
        from: change.from,
        to: change.to,
        now: undefined,
        verdict: 'refuse' as const,
        reason: `the twin ${item.targetId} no longer exists`,
      })),
    };
  }
  const fields = changes.map(([field, change]) =>
    planField(field, change, getPath(current, field), equals),
  );
  const writes = fields.some((field) => field.verdict === 'restore');
  return { ...base, outcome: writes ? 'planned' : 'refused', fields };
}

/** What a revert does not undo, said once per item. */
export function skippedEntity(item: ReconcileItem): EntityRevert | undefined {
  const base = {
    entity: item.entity,
    sourceId: item.sourceId,
    targetId: item.targetId ?? '',
    outcome: 'skipped' as const,
    fields: [],
  };
  switch (item.action) {
    case 'create':
      return {
        ...base,
        reason: 'created by the run: a revert does not delete it (pause it by hand)',
      };
    case 'pause':
      return { ...base, reason: 'retired by the run because its source vanished: not undone' };
    default:
      return undefined;
  }
}
