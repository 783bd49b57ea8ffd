// How records are hashed for the link store. A hash covers only the fields some route reads from
// or writes to that platform's kind (the route's projection), with values in one canonical
// spelling, so two views of one entity hash the same whatever else they carry: a list row and a
// single read, a write's answer, a server that ignores `return_columns`. Fields no route looks at
// (an Offerit offer's embedded goals, update times) never make a record look changed.
import type { PlatformName } from '../../vocabulary/index.js';
import type { MappingSet } from '../../mapping/index.js';
import type { EntityKind, PlatformRecord } from '../../vocabulary/index.js';
import { otherPlatform } from '../../vocabulary/index.js';
import { createHash } from 'node:crypto';
import { canonicalJson, contentHash, getPath } from '../plan/index.js';
import { canonicalValue } from './canonical-value.js';
import { projectPaths } from './project-paths.js';

/** Marks hashes of this scheme; a stored hash without it is a legacy whole-record hash. */
const SCHEME = 'p1:';

/** Volatile bookkeeping fields the legacy whole-record hash left out. */
const LEGACY_VOLATILE = [
  'update_time',
  'create_time',
  'base_event.update_time',
  'base_event.create_time',
  'affiliate_tier.create_time',
] as const;

export interface RecordHasher {
  /** The hash of `record`, a `platform` record of this kind, over its route projection. */
  hash(platform: PlatformName, kind: EntityKind, record: PlatformRecord): string;
  /** A short hash of each projected field's canonical value (what observations compare). */
  fieldHashes(
    platform: PlatformName,
    kind: EntityKind,
    record: PlatformRecord,
  ): Record<string, string>;
  /** The dotted paths a hash of this platform's kind covers (sorted). */
  paths(platform: PlatformName, kind: EntityKind): readonly string[];
}

const cache = new WeakMap<MappingSet, RecordHasher>();

/** The hasher for a mapping set (built once per set: the projections are data of the routes). */
export function recordHasher(mappings: MappingSet): RecordHasher {
  const known = cache.get(mappings);
  if (known) return known;
  const projections = new Map<string, readonly string[]>();
  const paths = (platform: PlatformName, kind: EntityKind): readonly string[] => {
    const id = `${platform}:${kind}`;
    let found = projections.get(id);
    if (!found) {
      // What the route from this platform reads, and what the route into it writes.
      const read = mappings.route(platform, kind)?.coverage.mapped ?? [];
      const written = mappings.route(otherPlatform(platform), kind)?.coverage.targets ?? [];
      found = [...new Set([...read, ...written])].sort();
      projections.set(id, found);
    }
    return found;
  };
  const hasher: RecordHasher = {
    paths,
    hash(platform, kind, record) {
      return `${SCHEME}${contentHash(projectPaths(record, paths(platform, kind), canonicalValue))}`;
    },
    fieldHashes(platform, kind, record) {
      return Object.fromEntries(
        paths(platform, kind).map((path) => [
          path,
          shortHash(canonicalJson(canonicalValue(getPath(record, path)) ?? null)),
        ]),
      );
    },
  };
  cache.set(mappings, hasher);
  return hasher;
}

/** Whether a stored hash was made by the whole-record scheme of before (links saved then). */
export function isLegacyHash(hash: string | undefined): hash is string {
  return hash !== undefined && !hash.startsWith(SCHEME);
}

/** The whole-record hash links stored before projections, to recognise their records once. */
export function legacyRecordHash(record: PlatformRecord): string {
  return contentHash(record, { omit: LEGACY_VOLATILE });
}

/** The platform's own update time in epoch milliseconds (Offerslook `update_time` is seconds). */
export function updatedAtOf(record: PlatformRecord): number | undefined {
  const value = record.update_time;
  const seconds =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
