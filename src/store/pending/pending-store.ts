// New source offers a route with `approve_new` holds back: they wait in a pending list until an
// operator approves (the next sync creates the twin) or rejects them (later syncs skip them).
import type { ConnectionName, EntityKey } from '../../vocabulary/index.js';

/** What the operator needs to decide, without opening the platform. */
export interface PendingSummary {
  name: string | null;
  /** The offer's payout as the source has it: a decimal string, never a float. */
  payout: string | null;
}

export interface PendingEntry extends PendingSummary {
  /** `<connection>:<entity>:<id>` of the source offer. */
  ref: string;
  /** The routes that would create it (`main->partner-a`). */
  routes: string[];
  /** ISO 8601: the first sync that held it back. */
  firstSeen: string;
  /** ISO 8601: the latest. */
  lastSeen: string;
}

export interface Rejection {
  /** ISO 8601. */
  at: string;
}

/** What an operator decided about a held-back offer. */
export type ApprovalDecision = 'approved' | 'rejected' | undefined;

export interface PendingStore {
  /** Holds the offer back (or refreshes its entry); `at` is now, ISO 8601. */
  hold(
    connection: ConnectionName,
    key: EntityKey,
    route: string,
    summary: PendingSummary,
    at: string,
  ): Promise<PendingEntry>;
  get(connection: ConnectionName, key: EntityKey): Promise<PendingEntry | undefined>;
  /** The connection's pending offers, oldest first. */
  list(connection: ConnectionName): Promise<PendingEntry[]>;
  decision(connection: ConnectionName, key: EntityKey): Promise<ApprovalDecision>;
  /** Removes it from pending (and from rejected) and marks it approved; returns the entry it had. */
  approve(connection: ConnectionName, key: EntityKey): Promise<PendingEntry | undefined>;
  /** Removes it from pending and approved, and records the rejection. */
  reject(connection: ConnectionName, key: EntityKey, at: string): Promise<PendingEntry | undefined>;
  rejection(connection: ConnectionName, key: EntityKey): Promise<Rejection | undefined>;
}
