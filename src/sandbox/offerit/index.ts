export { createOfferitSandbox } from './create-offerit-sandbox.js';
export type { OfferitSandbox, OfferitSandboxOptions } from './create-offerit-sandbox.js';
export { OfferitSandboxState } from './state.js';
export { offeritFixturesSchema } from './seed.js';
export type { OfferitFixtures, OfferitSnapshot } from './seed.js';
export { OFFERIT_ENDPOINTS } from './endpoints.js';
export type { DetailsVariant, Endpoint } from './endpoints.js';
export { offeritResponder, failureEnvelope } from './responder.js';
export { SandboxFailure } from './sandbox-failure.js';
