// Builds both platform clients with the hooks every request goes through: first a token from
// the per-network Redis limiter (shared by every process), taken in the request class of the
// calling code (live, or reconcile inside `runAsClass('reconcile', ...)`), then the request metrics.
import { OfferSyncError } from '../errors/index.js';
import type { Config } from '../config/index.js';
import type { PlatformName } from '../vocabulary/index.js';
import type { Logger } from '../log/logger.js';
import { observeRequests, type MetricsRegistry } from '../metrics/index.js';
import { createOfferitClient, createOfferitPlatform } from '../platforms/offerit/index.js';
import { createOfferslookClient, createOfferslookPlatform } from '../platforms/offerslook/index.js';
import type { PlatformClient, RequestHooks } from '../platforms/platform-client.js';
import type { RateLimiter } from '../queue/index.js';

export class PlatformsNotConfiguredError extends OfferSyncError {
  override readonly name = 'PlatformsNotConfiguredError';
  readonly code = 'CONFIG';
  readonly retryable = false;
  constructor(missing: PlatformName[]) {
    super(
      `${missing.join(' and ')} not configured: syncing needs both platforms ` +
        '(set OFFERIT_BASE_URL, OFFERIT_API_USERNAME, OFFERIT_API_KEY, OFFERSLOOK_BASE_URL, OFFERSLOOK_NETWORK, OFFERSLOOK_API_KEY)',
    );
  }
}

export interface ClientHooksDeps {
  limiter?: RateLimiter;
  metrics?: MetricsRegistry;
}

export function hooksFor(network: PlatformName, deps: ClientHooksDeps): RequestHooks {
  const hooks: RequestHooks = {};
  if (deps.limiter) {
    const limited = deps.limiter.hooksFor(network);
    if (limited.beforeRequest) hooks.beforeRequest = limited.beforeRequest;
  }
  if (deps.metrics) hooks.afterResponse = observeRequests(deps.metrics, network);
  return hooks;
}

/** The clients of the configured platforms (either may be missing). */
export function createConfiguredClients(
  config: Config,
  deps: ClientHooksDeps,
  logger?: Logger,
): Partial<Record<PlatformName, PlatformClient>> {
  const clients: Partial<Record<PlatformName, PlatformClient>> = {};
  if (config.offerit) {
    clients.offerit = createOfferitPlatform(
      createOfferitClient(config.offerit, hooksFor('offerit', deps), logger),
    );
  }
  if (config.offerslook) {
    clients.offerslook = createOfferslookPlatform(
      createOfferslookClient(config.offerslook, hooksFor('offerslook', deps), logger),
      logger ? { logger } : {},
    );
  }
  return clients;
}

/** Both clients, or a clear error naming what is missing. */
export function createPlatformClients(
  config: Config,
  deps: ClientHooksDeps,
  logger?: Logger,
): Record<PlatformName, PlatformClient> {
  const clients = createConfiguredClients(config, deps, logger);
  const missing = (['offerit', 'offerslook'] as const).filter((platform) => !clients[platform]);
  if (missing.length > 0) throw new PlatformsNotConfiguredError(missing);
  return clients as Record<PlatformName, PlatformClient>;
}
