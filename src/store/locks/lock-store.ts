// Operator locks: a locked entity is never written by any route (`offer-sync lock <ref>`).
import type { ConnectionName, EntityKey } from '../../vocabulary/index.js';

export interface EntityLock {
  /** Why, as the operator put it (empty when no reason was given). */
  reason: string;
  /** ISO 8601. */
  at: string;
}

export interface ListedLock extends EntityLock {
  /** `<connection>:<entity>:<id>` */
  ref: string;
}

export interface LockStore {
  lock(connection: ConnectionName, key: EntityKey, lock: EntityLock): Promise<void>;
  /** `false` when the entity was not locked. */
  unlock(connection: ConnectionName, key: EntityKey): Promise<boolean>;
  get(connection: ConnectionName, key: EntityKey): Promise<EntityLock | undefined>;
  /** The connection's locks, by ref. */
  list(connection: ConnectionName): Promise<ListedLock[]>;
}
