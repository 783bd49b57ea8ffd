// What offer-sync remembers of each entity so `offer-sync status` and `history` can explain it
// without scanning: every write it made to the entity's twin (newest first, per entity), the
// last sync that touched the entity and the last error a sync of it failed with.
import type { ConnectionName, EntityKey } from '../../vocabulary/index.js';

/** One field as it was on the twin before the write (`null`: not there) and as written. */
export interface FieldChangeRecord {
  from: unknown;
  to: unknown;
}

/** One write offer-sync made along a route, kept on the source entity's ref. */
export interface HistoryEntry {
  /** ISO 8601. */
  at: string;
  /** `main->partner-a`: the route the write went along. */
  route: string;
  /** `create`, `update` or `conflict` (a conflict's undisputed fields were still written). */
  action: string;
  /** The entity written: `<connection>:<entity>:<id>` of the twin. */
  target: string;
  /** The sync job that wrote, when a queue ran it (`conflicts resolve` writes without one). */
  jobId: string | null;
  /** The reconcile run that wrote by itself (a pause or a reactivation), when no job did. */
  runId?: string | null;
  /** Platform writes the sync made. */
  writes: number;
  changes: Record<string, FieldChangeRecord>;
}

/** The last sync that read or wrote an entity, as source or as twin. */
export interface LastSync {
  at: string;
  route: string;
  action: string;
  writes: number;
  jobId: string | null;
  /** The other side of that sync: `<connection>:<entity>:<id>`, when known. */
  other: string | null;
  /** Lossy fields the mapping reported for the source record (`field: reason`). */
  lossy: string[];
  reason: string | null;
}

/** The last failed attempt of a sync of this entity (as source). */
export interface LastError {
  at: string;
  route: string;
  jobId: string | null;
  /** Stable code: `VALIDATION`, `AUTH`, `MAPPING_REJECTED`, ... */
  code: string;
  /** The error's message; for a platform error, with the platform's own words. */
  message: string;
  /** The platform's own message, when the platform sent one. */
  platformMessage: string | null;
  /** Attempts made so far, this one included. */
  attempts: number;
  /** Whether the job failed for good (dead-lettered) with this attempt. */
  final: boolean;
}

export interface EntityActivity {
  lastSync: LastSync | null;
  lastError: LastError | null;
}

export interface HistoryStore {
  /** Appends a write to the entity's history (newest first, bounded). */
  record(connection: ConnectionName, key: EntityKey, entry: HistoryEntry): Promise<void>;
  /** The entity's writes, newest first. */
  list(connection: ConnectionName, key: EntityKey): Promise<HistoryEntry[]>;
  setLastSync(connection: ConnectionName, key: EntityKey, lastSync: LastSync): Promise<void>;
  setLastError(connection: ConnectionName, key: EntityKey, lastError: LastError): Promise<void>;
  activity(connection: ConnectionName, key: EntityKey): Promise<EntityActivity>;
}
