// The one base of the errors offer-sync raises on purpose. Each carries a stable `code` (what
// automation, dead letters and reports name), whether a retry can succeed without anyone changing
// anything (`retryable`, what the job retry policy reads), and its `cause`. Messages name what is
// wrong and where, and never carry a secret.
export abstract class OfferSyncError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }

  /** The one line a report or a dead letter shows for it. */
  reason(): string {
    return this.message;
  }

  /** A plain object for logs, job failure reasons and JSON output. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, retryable: this.retryable };
  }
}

export function isOfferSyncError(error: unknown): error is OfferSyncError {
  return error instanceof OfferSyncError;
}
