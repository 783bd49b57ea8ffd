export { createOfferslookClient } from './client.js';
export type { OfferslookClient } from './client.js';
export { createOfferslookPlatform } from './offerslook-platform.js';
export type { OfferslookPlatformOptions } from './offerslook-platform.js';
export { createOfferslookReads } from './offerslook-reads.js';
export type { OfferslookReads } from './offerslook-reads.js';
export { createOfferslookWrites } from './offerslook-writes.js';
export type { OfferslookWrites } from './offerslook-writes.js';
export { searchFilters, SEARCH_FILTERS } from './search-filters.js';
export { createOfferslookTransport } from './transport.js';
export type { OfferslookRequest, OfferslookSend } from './transport.js';
export { readAnswer } from './read-answer.js';
export type { HttpAnswer } from './read-answer.js';
export { iteratePages } from './paging.js';
export { encodeListQuery } from './list-query.js';
export {
  BASE_EVENT_DEFAULTS,
  BASE_EVENT_FIELDS,
  baseEventChangesFromDefaults,
  normalizeEvent,
  offerView,
  splitOfferChanges,
} from './offer-view.js';
export {
  createOfferBody,
  createPayoutBody,
  eventBody,
  tierDate,
  updateOfferBody,
} from './record-bodies.js';
export * from './records.js';
export * from './wire/index.js';
