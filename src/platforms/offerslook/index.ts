export { createOfferslookClient } from './client.js';
export type { OfferslookClient } from './client.js';
export { createOfferslookPlatform } from './offerslook-platform.js';
export type { OfferslookPlatformOptions } from './offerslook-platform.js';
export { createOfferslookReads } from './offerslook-reads.js';
export type { OfferslookReads } from './offerslook-reads.js';
export { createOfferslookWrites } from './offerslook-writes.js';
export type { OfferslookWrites } from './offerslook-writes.js';
export { passesFilters, searchFilters, SEARCH_FILTERS } from './search-filters.js';
export { createOfferslookTransport } from './transport.js';
export type { OfferslookRequest, OfferslookSend } from './transport.js';
export { readAnswer } from './read-answer.js';
export type { HttpAnswer } from './read-answer.js';
export { iteratePageRows, iteratePages } from './paging.js';
export { encodeListQuery } from './list-query.js';
export {
  BASE_EVENT_DEFAULTS,
  BASE_EVENT_FIELDS,
  baseEventChangesFromDefaults,
  baseEventOf,
  baseEventView,
  normalizeEvent,
  offerView,
  splitOfferChanges,
  withOfferId,
} from './offer-view.js';
export {
  createOfferBody,
  createPayoutBody,
  eventBody,
  eventQuery,
  offerGeoBody,
  tierDate,
  updateOfferBody,
} from './record-bodies.js';
export { createOfferslookBatches } from './batches.js';
export type { OfferslookBatches } from './batches.js';
export { createOfferReads, EVENT_READS_AT_ONCE } from './offer-reads.js';
export type { OfferReads, WholeOffer } from './offer-reads.js';
export { viewOfGoal, viewOfWholeOffer } from './entity-views.js';
export { assertApplied, assertGeoApplied } from './applied-check.js';
export { mapBounded } from '../bounded-map.js';
export * from './records.js';
export * from './wire/index.js';
