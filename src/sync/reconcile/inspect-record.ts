// What the route's mapping says about a source record before any platform call: whether it can
// have a twin at all (the route's `no_twin` guards), whether its values cannot be mapped whatever
// the links say, and which offers and goals it needs linked first. Pure: the mapping runs with a
// resolver that only records the lookups it is asked for.
import type { CompiledRoute, MappingIssueCode } from '../../mapping/index.js';
import type { EntityKey, PlatformRecord } from '../../vocabulary/index.js';
import { MappingRejectedError } from '../run/index.js';

export interface RecordInspection {
  /** Set when the route says this record has no possible twin: the guard's reason. */
  noTwin?: string;
  /** Set when a source value cannot be mapped: the sync would fail the same way, for good. */
  rejected?: string;
  /** The first such value's issue code (`UNMAPPABLE`, `INVALID_DECIMAL`, ...). */
  rejectedCode?: MappingIssueCode;
  /** Offers and goals (source-side keys) whose twins the mapped record refers to. */
  needs: EntityKey[];
}

/**
 * Issues that depend on the source values alone. Link and required-field issues are left to the
 * sync, which resolves links first.
 */
const VALUE_ISSUES: ReadonlySet<MappingIssueCode> = new Set([
  'UNMAPPABLE',
  'INVALID_DECIMAL',
  'INVALID_INTEGER',
  'INVALID_BOOLEAN',
  'INVALID_DATE',
  'INVALID_VALUE',
]);

export function inspectRecord(
  route: CompiledRoute,
  record: PlatformRecord,
  offerId: string | undefined,
  now: Date,
): RecordInspection {
  const needs = new Map<string, EntityKey>();
  const result = route.apply(record, {
    now,
    resolve: (kind, id) => {
      // Goal ids are unique only within their offer, as the sync's own lookups treat them.
      if (kind === 'offer') needs.set(`offer:${id}`, { kind, id });
      if (kind === 'goal' && offerId !== undefined)
        needs.set(`goal:${offerId}/${id}`, { kind, id, offerId });
      return undefined;
    },
  });
  const noTwin = result.issues.find((issue) => issue.code === 'NO_TWIN');
  if (noTwin) return { noTwin: noTwin.message, needs: [] };
  const valueIssue = result.issues.find((issue) => VALUE_ISSUES.has(issue.code));
  if (valueIssue) {
    // Worded as the sync's own failure (whose links resolve: theirs are left out here).
    const issues = result.issues.filter((issue) => issue.code !== 'UNRESOLVED_LINK');
    return {
      rejected: new MappingRejectedError(route.name, issues).message,
      rejectedCode: valueIssue.code,
      needs: [],
    };
  }
  return { needs: [...needs.values()] };
}
