export { OfferSyncError, isOfferSyncError } from './offer-sync-error.js';
export { failureReason, oneLine } from './failure-reason.js';
