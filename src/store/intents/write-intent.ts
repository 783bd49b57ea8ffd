// A write intent is recorded before a create, so a retry after a crash between the create and
// the link record knows the twin may already exist and searches for it (by `targetKey` when
// the create got that far, else by `marker`) instead of creating a second one.
import type { EntityKey } from '../../vocabulary/index.js';

export interface WriteIntent {
  /** The mapping route, e.g. `offerit.offer->offerslook.offer`. */
  route: string;
  sourceKey: EntityKey;
  /** What the mapping writes on the target to name its source; how a twin is found again. */
  marker: string;
  /** When the first attempt began, epoch milliseconds. */
  startedAt: number;
  /** How many times `begin` was called for this intent. */
  attempts: number;
  /** The created twin, once the create returned (see `WriteIntentStore.setTarget`). */
  targetKey?: EntityKey;
}

export interface BegunIntent extends WriteIntent {
  /** An earlier attempt began this intent and never completed: a twin may exist already. */
  resumed: boolean;
}

export interface WriteIntentStore {
  /**
   * Records the intent, or returns the one an earlier attempt left (its marker wins, since
   * that is what it wrote), counting the attempt and renewing the TTL.
   */
  begin(route: string, sourceKey: EntityKey, marker: string): Promise<BegunIntent>;
  get(route: string, sourceKey: EntityKey): Promise<WriteIntent | undefined>;
  /** Notes the created twin's key right after the create; `false` when no intent is open. */
  setTarget(route: string, sourceKey: EntityKey, targetKey: EntityKey): Promise<boolean>;
  /** Closes the intent once the link is saved; `false` when none was open. */
  complete(route: string, sourceKey: EntityKey): Promise<boolean>;
}
