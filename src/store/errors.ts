// Store errors carry a stable `code` and `retryable`, like every OfferSyncError, so the queue
// layer maps them the same way.
import { OfferSyncError } from '../errors/index.js';

export type LinkConflictReason = 'stale' | 'taken';

/**
 * A conditional link save lost a race: the link changed since it was read (`stale`), or the
 * Offerslook entity is already linked to another Offerit entity (`taken`). Retrying the sync
 * re-reads the link and plans again.
 */
export class LinkConflictError extends OfferSyncError {
  override readonly name = 'LinkConflictError';
  readonly code = 'LINK_CONFLICT';
  readonly retryable = true;

  constructor(
    readonly conflict: LinkConflictReason,
    message: string,
  ) {
    super(message);
  }
}

/** A stored value did not match its schema: someone wrote under our prefix, or a bug did. */
export class StoreCorruptionError extends OfferSyncError {
  override readonly name = 'StoreCorruptionError';
  readonly code = 'STORE_CORRUPT';
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
