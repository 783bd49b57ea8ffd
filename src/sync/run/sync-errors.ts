// Failures of the sync use case itself (not of a platform call), with stable codes the queue's
// retry policy reads like PlatformError's.
import { OfferSyncError } from '../../errors/index.js';

/** The mapping could not produce a record the target accepts: fix the data or the mapping, then replay. */
export class MappingRejectedError extends OfferSyncError {
  override readonly name = 'MappingRejectedError';
  readonly code = 'MAPPING';
  readonly retryable = false;
  constructor(
    readonly route: string,
    readonly issues: readonly { field: string; code: string; message: string }[],
  ) {
    super(
      `${route}: ${issues.map((issue) => `${issue.field}: ${issue.message} [${issue.code}]`).join('; ')}`,
    );
  }
}

/**
 * A goal or commission whose offer has no twin yet. Usually the offer's own sync is still in
 * flight, so this is worth a few retries before it lands in the dead-letter queue.
 */
export class ParentNotLinkedError extends OfferSyncError {
  override readonly name = 'ParentNotLinkedError';
  readonly code = 'PARENT_NOT_LINKED';
  readonly retryable = true;
  constructor(readonly what: string) {
    super(`${what} has no twin yet; sync the offer first`);
  }
}
