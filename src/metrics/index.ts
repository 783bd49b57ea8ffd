export { createMetricsRegistry } from './metrics-registry.js';
export type { MetricsRegistry, MetricsRegistryOptions } from './metrics-registry.js';
export type { JobCountsOptions, JobCountsSource } from './job-counts.js';
export { observeRequests } from './request-hooks.js';
export type { DeadLetterCountsSource } from './dead-letter-counts.js';
