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
