// The process's metrics, on its own prom-client Registry (never the global default, so tests and
// several servers in one process do not collide). Other code calls these typed helpers and never
// touches prom-client itself.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import {
  createDeadLetterCountsCollector,
  type DeadLetterCountsSource,
} from './dead-letter-counts.js';
import {
  createJobCountsCollector,
  type JobCountsOptions,
  type JobCountsSource,
} from './job-counts.js';

export interface MetricsRegistryOptions {
  /** Adds Node's process metrics (CPU, memory, event loop lag, GC). @defaultValue true */
  defaultMetrics?: boolean;
  jobCounts?: JobCountsOptions;
}

export interface MetricsRegistry {
  /** The underlying registry, for `/metrics`; prefer the helpers below for recording. */
  readonly registry: Registry;
  /** `Content-Type` of {@link MetricsRegistry.text}. */
  readonly contentType: string;
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
  /** Reports jobs by state for these queues at each scrape. */
  trackQueues(queues: readonly JobCountsSource[]): void;
  /** Reports open dead letters by connection and reason at each scrape. */
  trackDeadLetters(source: DeadLetterCountsSource): void;
  /**
   * One platform API call. `status` is the HTTP status, or `undefined` when no response came
   * (timeout, reset). A 429 also counts towards the rate-limited total.
   */
  observeRequest(
    network: string,
    operation: string,
    status: number | undefined,
    durationMs: number,
  ): void;
  /** Time a request waited for the per-network limiter, in milliseconds, by request class. */
  observeLimiterWait(network: string, waitMs: number, requestClass?: 'live' | 'reconcile'): void;
  /** Time from enqueue to a sync job done, in milliseconds. */
  observeSyncLag(queue: string, lagMs: number): void;
  /** Differences a reconcile run found on a route (`offerit.offer->offerslook.offer`, ...). */
  countDrift(route: string, count?: number): void;
  /** Writes a reconcile run made on a route. */
  countReconcileWrites(route: string, count?: number): void;
  /** One webhook answered: `outcome` is `accepted` or the error code it was rejected with. */
  countWebhook(connection: string, outcome: string): void;
}

// Buckets in seconds. API calls: 5 ms .. 30 s (the client timeout is 15 s by default).
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
// Limiter waits: none at all up to a full 10 s Offerslook window and beyond.
const WAIT_BUCKETS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 60];
// Sync lag: a second for a webhook-driven change up to an hour for a backlog.
const LAG_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export function createMetricsRegistry(options: MetricsRegistryOptions = {}): MetricsRegistry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const jobCounts = createJobCountsCollector(registry, options.jobCounts);
  const deadLetterCounts = createDeadLetterCountsCollector(registry, options.jobCounts?.timeoutMs);

  const requests = new Counter({
    name: 'offer_sync_api_requests_total',
    help: 'Platform API requests by network, operation and HTTP status ("none" when no response came)',
    labelNames: ['network', 'operation', 'status'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: 'offer_sync_api_request_duration_seconds',
    help: 'Platform API request duration by network and operation, in seconds',
    labelNames: ['network', 'operation'] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: 'offer_sync_api_rate_limited_total',
    help: 'HTTP 429 answers by network',
    labelNames: ['network'] as const,
    registers,
  });
  const limiterWait = new Histogram({
    name: 'offer_sync_limiter_wait_seconds',
    help: 'Time a request waited for its network rate limiter, in seconds, by request class (live or reconcile)',
    labelNames: ['network', 'class'] as const,
    buckets: WAIT_BUCKETS,
    registers,
  });
  const syncLag = new Histogram({
    name: 'offer_sync_sync_lag_seconds',
    help: 'Time from enqueue to a sync job done, in seconds',
    labelNames: ['queue'] as const,
    buckets: LAG_BUCKETS,
    registers,
  });
  const drift = new Counter({
    name: 'offer_sync_reconcile_drift_total',
    help: 'Differences found by reconciliation, by route',
    labelNames: ['route'] as const,
    registers,
  });
  const reconcileWrites = new Counter({
    name: 'offer_sync_reconcile_writes_total',
    help: 'Writes made by reconciliation, by route',
    labelNames: ['route'] as const,
    registers,
  });
  const webhooks = new Counter({
    name: 'offer_sync_webhooks_total',
    help: 'Webhooks answered, by connection (network) and outcome (accepted or the rejection code)',
    labelNames: ['network', 'outcome'] as const,
    registers,
  });

  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    trackQueues: (queues) => jobCounts.track(queues),
    trackDeadLetters: (source) => deadLetterCounts.track(source),
    observeRequest(network, operation, status, durationMs) {
      requests.inc({ network, operation, status: status === undefined ? 'none' : String(status) });
      requestDuration.observe({ network, operation }, seconds(durationMs));
      if (status === 429) rateLimited.inc({ network });
    },
    observeLimiterWait: (network, waitMs, requestClass = 'live') =>
      limiterWait.observe({ network, class: requestClass }, seconds(waitMs)),
    observeSyncLag: (queue, lagMs) => syncLag.observe({ queue }, seconds(lagMs)),
    countDrift: (route, count = 1) => drift.inc({ route }, count),
    countReconcileWrites: (route, count = 1) => reconcileWrites.inc({ route }, count),
    countWebhook: (connection, outcome) => webhooks.inc({ network: connection, outcome }),
  };
}

/** Clock skew can make a measured duration negative; a histogram must never see that. */
function seconds(ms: number): number {
  return Math.max(0, ms) / 1000;
}
