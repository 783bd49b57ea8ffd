// Each field's edit time on both sides, keyed by the route's target paths, for the planner's
// newest-wins: a side's own update time where its records carry one (Offerslook), else what
// offer-sync observed (Offerit). A target field computed from several source fields changed
// when the latest of them did.
import type { FieldPolicy } from '../../mapping/index.js';
import type { PlatformRecord } from '../../vocabulary/index.js';
import type { Observation } from '../../store/index.js';
import { latestOf, platformSecond, type EditTime } from '../plan/index.js';
import { updatedAtOf } from './record-hash.js';

export type SideTimes = (path: string) => EditTime | undefined;

export function sideTimes(record: PlatformRecord, observation: Observation | undefined): SideTimes {
  const updatedAt = updatedAtOf(record);
  if (updatedAt !== undefined) {
    // Offerslook counts whole seconds: the edit happened somewhere in that second.
    const time = platformSecond(updatedAt);
    return () => time;
  }
  return (path) => {
    const field = observation?.fields[path];
    return field ? { after: field.after, by: field.firstSeenAt, clock: 'observed' } : undefined;
  };
}

export function editTimesByTarget(
  fields: readonly FieldPolicy[],
  source: SideTimes,
  target: SideTimes,
): { sourceEdits: Record<string, EditTime>; targetEdits: Record<string, EditTime> } {
  const sourceEdits: Record<string, EditTime> = {};
  const targetEdits: Record<string, EditTime> = {};
  for (const field of fields) {
    const reads = field.reads ?? [];
    const fromSource = reads.length === 0 ? undefined : latestOf(reads.map(source));
    const fromTarget = target(field.target);
    if (fromSource) sourceEdits[field.target] = fromSource;
    if (fromTarget) targetEdits[field.target] = fromTarget;
  }
  return { sourceEdits, targetEdits };
}
