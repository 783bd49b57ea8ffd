export * from './values.js';
export * from './envelope.js';
export * from './offer.js';
export * from './offer-event.js';
export * from './affiliate-payout.js';
export * from './affiliate.js';
