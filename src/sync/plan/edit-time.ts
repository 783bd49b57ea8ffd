// When a field's current value came about on one side, and which of two such times is later.
// Every edit time is an interval: offer-sync's observation of a side without update times
// (Offerit) says the edit happened after one read and at or before the next; a platform's update
// time in whole seconds (Offerslook) says it happened within that second. Two edits are ordered
// only when their intervals cannot overlap; otherwise nobody can say which is newer, and
// `newest-wins` must not pretend to (the field becomes a manual conflict).

export type EditClock = 'platform' | 'observed';

export interface EditTime {
  /** Epoch milliseconds: the edit happened after this... */
  after: number;
  /** ...and at or before this. A platform's update time in whole seconds spans its second. */
  by: number;
  /** A platform's own update time, or offer-sync's observation. */
  clock: EditClock;
}

/** Which edit is the later one, or `undefined` when the times cannot order them. */
export function laterEdit(
  source: EditTime | undefined,
  target: EditTime | undefined,
): 'source' | 'target' | undefined {
  if (source === undefined || target === undefined) return undefined;
  if (isAfter(source, target)) return 'source';
  if (isAfter(target, source)) return 'target';
  return undefined;
}

/** Whether `a` certainly happened after `b`: it is after `a.after`, which is not before `b.by`. */
function isAfter(a: EditTime, b: EditTime): boolean {
  return a.after >= b.by;
}

/** A platform update time given in whole seconds (Offerslook's `update_time`), as an edit time. */
export function platformSecond(epochMs: number): EditTime {
  const second = Math.floor(epochMs / 1000) * 1000;
  return { after: second - 1, by: second + 999, clock: 'platform' };
}

/** The later of several fields' edit times (a value computed from all of them changed then). */
export function latestOf(times: readonly (EditTime | undefined)[]): EditTime | undefined {
  if (times.length === 0 || times.some((time) => time === undefined)) return undefined;
  const known = times as readonly EditTime[];
  return {
    after: Math.max(...known.map((time) => time.after)),
    by: Math.max(...known.map((time) => time.by)),
    clock: known.every((time) => time.clock === 'platform') ? 'platform' : 'observed',
  };
}

/** `offerslook update time 2026-12-01T10:00:00Z` / `offerit observed 10:00:00Z..10:05:00Z`. */
export function describeEditTime(time: EditTime): string {
  const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return time.clock === 'platform'
    ? `update time ${at(time.after + 1)}`
    : `observed ${time.after > 0 ? at(time.after) : '(before)'}..${at(time.by)}`;
}
