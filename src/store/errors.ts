// Store errors carry a stable `code` and `retryable`, like PlatformError, so the queue layer
// maps them the same way.

export type LinkConflictReason = 'stale' | 'taken';

/**
 * A conditional link save lost a race: the link changed since it was read (`stale`), or the
 * Offerslook entity is already linked to another Offerit entity (`taken`). Retrying the sync
 * re-reads the link and plans again.
 */
export class LinkConflictError extends Error {
  override readonly name = 'LinkConflictError';
  readonly code = 'LINK_CONFLICT';
  readonly retryable = true;

  constructor(
    readonly reason: LinkConflictReason,
    message: string,
  ) {
    super(message);
  }
}

/** A stored value did not match its schema: someone wrote under our prefix, or a bug did. */
export class StoreCorruptionError extends Error {
  override readonly name = 'StoreCorruptionError';
  readonly code = 'STORE_CORRUPT';
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
