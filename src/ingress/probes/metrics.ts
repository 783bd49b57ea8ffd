// GET /metrics: the Prometheus text exposition of the process registry.
import type { MetricsRegistry } from '../../metrics/index.js';
import type { HandlerResponse } from '../http/handler-response.js';

export async function handleMetrics(
  metrics: Pick<MetricsRegistry, 'text' | 'contentType'>,
): Promise<HandlerResponse<string>> {
  return {
    status: 200,
    body: await metrics.text(),
    headers: { 'content-type': metrics.contentType },
  };
}
