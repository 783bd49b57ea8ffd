// The two platform clients, straight from a bench environment: no limiter, no hooks. For the
// benches' own set-up (edits on a source, reading views to work out the minimum), never for what
// they measure: those requests are made before the sandbox logs are cleared.
import { loadConfig, type OfferitConfig, type OfferslookConfig } from '../../src/config/index.js';
import type { PlatformName } from '../../src/vocabulary/index.js';
import { createOfferitClient, createOfferitPlatform } from '../../src/platforms/offerit/index.js';
import {
  createOfferslookClient,
  createOfferslookPlatform,
} from '../../src/platforms/offerslook/index.js';
import type { PlatformClient } from '../../src/platforms/platform-client.js';

export function platformClients(env: Record<string, string>): Record<PlatformName, PlatformClient> {
  const config = loadConfig(env);
  return {
    offerit: createOfferitPlatform(
      createOfferitClient(config.connections.offerit as OfferitConfig),
    ),
    offerslook: createOfferslookPlatform(
      createOfferslookClient(config.connections.offerslook as OfferslookConfig),
    ),
  };
}
