// What a plan says in a sync result: its field changes, flat by dotted path, and a line for each
// field a newest-wins route settled, naming the kind of time that decided (a platform's update
// time or offer-sync's observation).
import type { PlatformName } from '../../vocabulary/index.js';
import { describeEditTime, type Plan } from '../plan/index.js';
import { leafPaths } from './leaf-paths.js';
import { getPath } from '../plan/index.js';

export function plannedChanges(decided: Plan): Record<string, { from: unknown; to: unknown }> {
  if (decided.action === 'update' || decided.action === 'conflict') return decided.changes;
  if (decided.action === 'create') {
    return Object.fromEntries(
      leafPaths(decided.fields).map((path) => [
        path,
        { from: undefined, to: getPath(decided.fields, path) },
      ]),
    );
  }
  return {};
}

export function newestWinsWarnings(
  decided: Plan,
  source: PlatformName,
  target: PlatformName,
): string[] {
  if (!('notes' in decided)) return [];
  return decided.notes
    .filter((note) => note.reason === 'newest-wins' && note.times)
    .map((note) => {
      const { times } = note;
      const winner = note.winner === 'source' ? source : target;
      return (
        `newest-wins ${note.field}: ${winner} kept the later edit ` +
        `(${source} ${describeEditTime(times!.source)}; ${target} ${describeEditTime(times!.target)})`
      );
    });
}
