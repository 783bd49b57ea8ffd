// Source records a reconciliation has just read, handed to the sync jobs it enqueues, so a job
// does not read again what the page already said. Job payloads stay references: the record sits
// in Redis under a short expiry, and the payload names it by its content hash (`ref`).
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKey, PlatformRecord } from '../../vocabulary/index.js';

export interface HandoffStore {
  /** Keeps `record` for the sync of `key` from `source`; returns the reference a job carries. */
  put(source: PlatformName, key: EntityKey, record: PlatformRecord): Promise<string>;
  /** The record kept under `ref`, unless it expired or a later page replaced it. */
  take(source: PlatformName, key: EntityKey, ref: string): Promise<PlatformRecord | undefined>;
}
