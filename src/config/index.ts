export { loadConfig, ConfigError, PLATFORMS } from './config.js';
export type { Config, OfferitConfig, OfferslookConfig, PlatformName } from './config.js';
export { parseDurationMs, parseRateLimit, formatRateLimit } from './duration.js';
export type { RateLimit } from './duration.js';
export { loadDotEnv } from './load-env-file.js';
