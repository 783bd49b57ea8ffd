export { handleHealth } from './health.js';
export { handleReadiness } from './readiness.js';
export type { Readiness, ReadinessDeps, ReadinessReport } from './readiness.js';
export { handleMetrics } from './metrics.js';
