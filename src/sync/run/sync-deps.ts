// What the sync use case needs, passed in: ports only (no got, Redis or Fastify here).
import type { PlatformName } from '../../vocabulary/index.js';
import type { MappingSet } from '../../mapping/index.js';
import type { PlatformClient } from '../../platforms/platform-client.js';
import type {
  ConflictStore,
  LinkStore,
  ObservationStore,
  WriteIntentStore,
} from '../../store/index.js';
import type { SyncOperator } from './operator-controls.js';

export interface SyncDeps {
  clients: Readonly<Record<PlatformName, PlatformClient>>;
  mappings: MappingSet;
  links: LinkStore;
  /**
   * The link stores of the other pairs that share a connection with this one (an Offerit
   * network mirrored to two partners): an entity one of them links belongs to another network's
   * twin, so it is never adopted as this pair's. @defaultValue none
   */
  otherLinks?: readonly LinkStore[];
  intents: WriteIntentStore;
  conflicts: ConflictStore;
  /** What offer-sync saw of each side, field by field (edit times where a platform has none). */
  observations: ObservationStore;
  /** Offerit advertiser id -> Offerslook advertiser id (config ADVERTISER_MAP). */
  advertiserMap: ReadonlyArray<readonly [string, string]>;
  now: () => Date;
  /**
   * Locks, approvals and the records `offer-sync status` and `history` read; the composition
   * root always gives them. @defaultValue none: nothing is locked, held back or recorded
   */
  operator?: SyncOperator;
}
