export {
  createOfferslookSandbox,
  OFFERSLOOK_DEFAULT_RATE_LIMIT,
} from './create-offerslook-sandbox.js';
export type { OfferslookSandbox, OfferslookSandboxOptions } from './create-offerslook-sandbox.js';
export { OfferslookSandboxState } from './state.js';
export { OfferslookStore } from './store.js';
export type { StoreOptions } from './store.js';
export { offerslookFixturesSchema } from './fixtures.js';
export type { OfferslookFixtures } from './fixtures.js';
export { offerslookResponder } from './responder.js';
export { SandboxHttpError } from './http-error.js';
export {
  DEFAULT_OFFERSLOOK_ANSWERS,
  OFFERSLOOK_PRESETS,
  OFFERSLOOK_VARIANT_VALUES,
  OfferslookVariantSettings,
} from './variants.js';
export type { OfferslookAnswers, OfferslookVariants } from './variants.js';
