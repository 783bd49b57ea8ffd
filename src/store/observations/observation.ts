// What offer-sync saw of one side of one entity, field by field: when each field's current value
// was first seen, and the last time before that it was seen with another value. Offerit records
// carry no update time, so these observed times are what orders edits there (newest-wins): the
// edit that produced a value happened after `after` and at or before `firstSeenAt`.
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKey, EntityKind } from '../../vocabulary/index.js';

export interface FieldObservation {
  /** A short hash of the field's canonical value (`''` hashed when "not set"). */
  value: string;
  /** Epoch milliseconds: first read with this value. The edit was at or before it. */
  firstSeenAt: number;
  /** Epoch milliseconds: the read before, with another value (0: none known). The edit was after it. */
  after: number;
}

export interface Observation {
  /** Epoch milliseconds of the latest read. */
  lastSeenAt: number;
  /** By dotted field path of the side's own record. */
  fields: Record<string, FieldObservation>;
}

/** One read of one entity: its fields' value hashes, and what to assume for a field seen first. */
export interface ObservedRead {
  key: EntityKey;
  /** Value hash per field path. */
  values: Readonly<Record<string, string>>;
  /**
   * For a field with no observation yet: the interval its value is known to date from. A field
   * unchanged since the last sync dates from before it (`{ after: 0, firstSeenAt: syncedAt }`);
   * anything else from between the last sync and now. @defaultValue `{ after: 0, firstSeenAt: at }`
   */
  firstSeen?: (path: string) => { after: number; firstSeenAt: number };
}

export interface ObservationStore {
  /** Records the reads (one platform, one kind) made at `at`; returns the observations now held. */
  observe(
    platform: PlatformName,
    kind: EntityKind,
    reads: readonly ObservedRead[],
    at: number,
  ): Promise<Observation[]>;
  get(platform: PlatformName, key: EntityKey): Promise<Observation | undefined>;
  /** Forgets an entity (its link is gone). */
  remove(platform: PlatformName, key: EntityKey): Promise<void>;
}
