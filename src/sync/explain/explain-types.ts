// What `offer-sync status <ref>` and `GET /entities/<connection>/<entity>/<id>` answer about one
// entity, and what they need to find it out. The JSON shape is a contract: automation reads it.
import type {
  Conflict,
  EntityActivity,
  EntityLock,
  HistoryEntry,
  HistoryStore,
  LastError,
  LockStore,
  PendingEntry,
  PendingStore,
  Rejection,
} from '../../store/index.js';
import type { ConnectionName, EntityKind, PlatformName } from '../../vocabulary/index.js';
import type { SyncDeps } from '../run/index.js';

/** One configured route, as the explanation needs it. */
export interface ExplainRoute {
  /** `main->partner-a` */
  name: string;
  source: { name: ConnectionName; platform: PlatformName };
  target: { name: ConnectionName; platform: PlatformName };
  /** The pair's name (`main+partner-a`): routes of one pair share its links and conflicts. */
  pair: string;
  sync: SyncDeps;
}

export interface ExplainDeps {
  routes: readonly ExplainRoute[];
  history: Pick<HistoryStore, 'list' | 'activity'>;
  locks: Pick<LockStore, 'get'>;
  pending: Pick<PendingStore, 'get' | 'rejection'>;
}

export type { EntityRef } from '../../vocabulary/index.js';

/** Content hashes of one side: as the link stored them, and of the record as read now. */
export interface SideHashes {
  /** `<connection>:<entity>:<id>` */
  ref: string;
  stored: string | null;
  /** `null`: not read (`--no-check`) or the entity no longer exists. */
  now: string | null;
  /** Whether the record read now is the one the last sync saw (or wrote); `null` when not read. */
  match: boolean | null;
  /** The last write's answer did not carry the record: its hash is known after the next read. */
  unconfirmed: boolean;
  /** `false` when the platform says the entity is gone; `null` when not read. */
  exists: boolean | null;
}

export interface TwinStatus {
  connection: ConnectionName;
  /** The twin's id as a ref writes it (`900`, `900/3`). */
  id: string;
  ref: string;
  /** The pair whose link ties them (`offerit+offerslook`). */
  pair: string;
  /** The routes between the two, either way. */
  routes: string[];
  hashes: { entity: SideHashes; twin: SideHashes; match: boolean | null };
}

export interface ConflictStatus extends Conflict {
  pair: string;
}

export interface EntityStatus {
  ref: string;
  connection: ConnectionName;
  entity: EntityKind;
  id: string;
  /** The twin (the first pair's, when the entity is mirrored to several): `null` when none. */
  twin: { connection: ConnectionName; id: string } | null;
  /** Every twin, one per pair, with both sides' hashes. */
  twins: TwinStatus[];
  lastSync: EntityActivity['lastSync'];
  lastError: LastError | null;
  conflict: ConflictStatus | null;
  locked: EntityLock | null;
  pending: PendingEntry | null;
  rejected: Rejection | null;
  /** Lossy fields of this entity's mapping (`field: reason`): read now, else from the last sync. */
  lossy: string[];
  /** Whether every stored hash matches both sides now; `null` when not checked or no twin. */
  hashesMatch: boolean | null;
  /** Whether the platforms were read (`--no-check`, `?check=false` skip it). */
  checked: boolean;
}

export interface EntityHistory {
  ref: string;
  /** Writes offer-sync made to this entity's twins and to this entity, newest first. */
  entries: HistoryEntry[];
}
