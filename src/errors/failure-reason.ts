// The one-line reason shown for a failure, wherever it surfaces: a job's failure reason, a dead
// letter, a reconcile item. Our own errors say it themselves (a platform error carries the
// platform's message); anything else is its message. Bounded, on one line.
import { isOfferSyncError } from './offer-sync-error.js';

const MAX_REASON_LENGTH = 500;

export function failureReason(error: unknown): string {
  if (isOfferSyncError(error)) return oneLine(error.reason());
  return oneLine(error instanceof Error ? error.message : String(error));
}

/** Whitespace flattened, cut at a bounded length. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON_LENGTH ? `${flat.slice(0, MAX_REASON_LENGTH)}…` : flat;
}
