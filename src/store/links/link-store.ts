// The port the sync use case stores links through; Redis implements it (redis-link-store.ts).
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKey, EntityKind } from '../../vocabulary/index.js';
import type { Link } from './link.js';

export interface SaveLinkOptions {
  /**
   * Save only if the stored link on the Offerit side has this version (0: no link yet), and,
   * when given, only if the Offerslook key is not linked to another Offerit entity. Otherwise
   * `save` throws LinkConflictError. Default: save unconditionally; a link that held either
   * key before is replaced, so every entity has at most one twin.
   */
  expectedVersion?: number;
}

export interface LinkStore {
  /** The link holding this entity on this platform, or `undefined`. */
  find(platform: PlatformName, key: EntityKey): Promise<Link | undefined>;
  /** Atomically stores the link and both lookup directions; returns it with its new version. */
  save(link: Link, options?: SaveLinkOptions): Promise<Link>;
  /** Removes the link holding this entity (both directions); `false` when there was none. */
  remove(platform: PlatformName, key: EntityKey): Promise<boolean>;
  /** Every link of one kind, in no particular order (for reconciliation). */
  list(kind: EntityKind): AsyncIterable<Link>;
}
