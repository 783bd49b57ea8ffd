// Source records a reconciliation has just read, handed to the sync jobs it enqueues, so a job
// does not read again what the page already said. Job payloads stay references: the record sits
// in Redis under a short expiry, and the payload names it by its content hash (`ref`).
import type { ConnectionName, EntityKey, PlatformRecord } from '../../vocabulary/index.js';

/** A source record as a page read it, and when (epoch milliseconds, before the page's request). */
export interface ListedRecord {
  record: PlatformRecord;
  readAt: number;
}

export interface HandoffStore {
  /** Keeps the listed record for the sync of `key` from `source`; returns the job's reference. */
  put(source: ConnectionName, key: EntityKey, listed: ListedRecord): Promise<string>;
  /** The record kept under `ref`, unless it expired or a later page replaced it. */
  take(source: ConnectionName, key: EntityKey, ref: string): Promise<ListedRecord | undefined>;
}
