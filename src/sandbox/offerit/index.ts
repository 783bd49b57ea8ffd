export { createOfferitSandbox } from './create-offerit-sandbox.js';
export type { OfferitSandbox, OfferitSandboxOptions } from './create-offerit-sandbox.js';
export { OfferitSandboxState } from './state.js';
export { offeritFixturesSchema } from './seed.js';
export type { OfferitFixtures, OfferitSnapshot } from './seed.js';
export { OFFERIT_ENDPOINTS } from './endpoints.js';
export type { Endpoint } from './endpoints.js';
export { createOfferitVariants, offeritVariantsSchema, OFFERIT_PRESETS } from './variants.js';
export type {
  DetailsVariant,
  OfferitAnswers,
  OfferitVariants,
  OfferitVariantSettings,
} from './variants.js';
export { offeritResponder, failureEnvelope } from './responder.js';
export { SandboxFailure } from './sandbox-failure.js';
