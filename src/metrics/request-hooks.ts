// Bridges the platform clients' RequestHooks to the metrics, so a client records its calls
// without knowing prom-client exists.
import type { RequestHooks } from '../platforms/platform-client.js';
import type { MetricsRegistry } from './metrics-registry.js';

/** An `afterResponse` hook that records every request of `network`. */
export function observeRequests(
  metrics: MetricsRegistry,
  network: string,
): NonNullable<RequestHooks['afterResponse']> {
  return ({ operation, status, durationMs }) =>
    metrics.observeRequest(network, operation, status, durationMs);
}
