// A platform client per connection, with the hooks every request goes through: first a token
// from the connection's Redis limiter (shared by every process), then the request metrics.
import type { ConnectionConfig } from '../config/index.js';
import type { Logger } from '../log/logger.js';
import { observeRequests, type MetricsRegistry } from '../metrics/index.js';
import { createOfferitClient, createOfferitPlatform } from '../platforms/offerit/index.js';
import { createOfferslookClient, createOfferslookPlatform } from '../platforms/offerslook/index.js';
import type { PlatformClient, RequestHooks } from '../platforms/platform-client.js';
import type { RateLimiter } from '../queue/index.js';
import type { ConnectionName } from '../vocabulary/index.js';

export interface ClientHooksDeps {
  limiter?: RateLimiter;
  metrics?: MetricsRegistry;
}

/** The hooks of one connection's requests. */
export function hooksFor(connection: ConnectionName, deps: ClientHooksDeps): RequestHooks {
  const hooks: RequestHooks = {};
  if (deps.limiter) {
    const limited = deps.limiter.hooksFor(connection);
    if (limited.beforeRequest) hooks.beforeRequest = limited.beforeRequest;
  }
  if (deps.metrics) hooks.afterResponse = observeRequests(deps.metrics, connection);
  return hooks;
}

export function createConnectionClient(
  connection: ConnectionConfig,
  deps: ClientHooksDeps,
  logger?: Logger,
): PlatformClient {
  const hooks = hooksFor(connection.name, deps);
  return connection.platform === 'offerit'
    ? createOfferitPlatform(createOfferitClient(connection, hooks, logger))
    : createOfferslookPlatform(
        createOfferslookClient(connection, hooks, logger),
        logger ? { logger } : {},
      );
}

/** Every connection's client. */
export function createConnectionClients(
  connections: Readonly<Record<ConnectionName, ConnectionConfig>>,
  deps: ClientHooksDeps,
  logger?: Logger,
): Record<ConnectionName, PlatformClient> {
  return Object.fromEntries(
    Object.values(connections).map((connection) => [
      connection.name,
      createConnectionClient(connection, deps, logger),
    ]),
  );
}
