// A manual conflict: a field changed on both platforms since the last sync, with no owner and
// the route's policy `manual`. It waits, visible, until someone keeps one platform's values.
import { createHash } from 'node:crypto';
import type { PlatformName } from '../../vocabulary/index.js';
import { formatEntityKey, type EntityKey, type EntityKind } from '../../vocabulary/index.js';

/** Both platforms' values of one field (in the shape of the route's target record). */
export type ConflictValues = Record<PlatformName, unknown>;

export interface ConflictInput {
  kind: EntityKind;
  offerit: EntityKey;
  offerslook: EntityKey;
  /** Keyed by the field's dotted path. */
  fields: Record<string, ConflictValues>;
  /** When this detection happened, epoch milliseconds. */
  detectedAt: number;
}

export interface Conflict extends ConflictInput {
  /** Short and stable: derived from the entity pair, so detecting it again updates it in place. */
  id: string;
  /** `detectedAt` is the first detection; this is the latest, epoch milliseconds. */
  lastDetectedAt: number;
}

export interface ResolvedConflict extends Conflict {
  keep: PlatformName;
}

export interface ConflictStore {
  /** Records the conflict, or refreshes the open one for the same pair (its fields replaced). */
  record(conflict: ConflictInput): Promise<Conflict>;
  /** Open conflicts, oldest first. */
  list(): Promise<Conflict[]>;
  get(id: string): Promise<Conflict | undefined>;
  /**
   * Removes the conflict and returns it with the platform to keep; the caller then syncs from
   * that platform with its fields forced. `undefined` when no such conflict is open.
   */
  resolve(id: string, keep: PlatformName): Promise<ResolvedConflict | undefined>;
}

/** The identity of an entity pair, e.g. `offer:400|offer:7` (`main+a:offer:400|offer:7`, scoped). */
export function conflictPair(offerit: EntityKey, offerslook: EntityKey, scope?: string): string {
  const pair = `${formatEntityKey(offerit)}|${formatEntityKey(offerslook)}`;
  return scope === undefined ? pair : `${scope}:${pair}`;
}

/**
 * Ten hex digits of sha256 over the pair (40 bits: a clash is unlikely below millions of open
 * conflicts; the store falls back to the full digest if one happens). `long` gives that digest.
 */
export function conflictId(
  offerit: EntityKey,
  offerslook: EntityKey,
  long = false,
  scope?: string,
): string {
  const digest = createHash('sha256')
    .update(conflictPair(offerit, offerslook, scope))
    .digest('hex');
  return long ? digest : digest.slice(0, 10);
}
