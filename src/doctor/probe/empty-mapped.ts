// The fields the shipped mappings read from a platform's records (each route's `coverage.mapped`)
// that came back empty or missing: a field the account never fills is one a sync would copy as
// empty. Checked over every record a probe read, so an optional field that some offer fills
// is not reported.
import type { PlatformName } from '../../vocabulary/index.js';
import type { MappingSet } from '../../mapping/index.js';
import type { EntityKind } from '../../vocabulary/index.js';
import { getPath } from '../../sync/plan/index.js';
import { isObject } from './shape.js';

/** What the mappings read from one platform's kind; empty without mappings or a route. */
export type MappedPaths = (platform: PlatformName, kind: EntityKind) => readonly string[];

export function mappedPathsOf(mappings: MappingSet | undefined): MappedPaths {
  return (platform, kind) => mappings?.route(platform, kind)?.coverage.mapped ?? [];
}

/** Empty: missing, null, blank text, an empty list or object. */
export function isEmptyField(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/**
 * The `paths` that are empty in every one of `records` (none when there are no records). `twins`
 * names fields read under two spellings (last segment → the other one): a field counts as filled
 * when its twin is.
 */
export function emptyMappedFields(
  paths: readonly string[],
  records: readonly unknown[],
  prefix = '',
  twins: Readonly<Record<string, string>> = {},
): string[] {
  if (records.length === 0) return [];
  const empty = (path: string) => records.every((record) => isEmptyField(getPath(record, path)));
  const twinOf = (path: string) => {
    const segments = path.split('.');
    const other = twins[segments.at(-1)!];
    return other === undefined ? undefined : [...segments.slice(0, -1), other].join('.');
  };
  return paths
    .filter((path) => {
      const twin = twinOf(path);
      return empty(path) && (twin === undefined || empty(twin));
    })
    .map((path) => `${prefix}${path}`)
    .sort();
}
