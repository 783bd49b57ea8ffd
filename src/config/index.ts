export { loadConfig, ConfigError } from './config.js';
export type { Config, OfferitConfig, OfferslookConfig } from './config.js';
export { parseDurationMs, parseRateLimit, formatRateLimit } from './duration.js';
export type { RateLimit } from './duration.js';
export { loadDotEnv } from './load-env-file.js';
export { DEFAULT_REDIS_URL, describeRedis, formatNode } from './redis-config.js';
export type {
  RedisConfig,
  RedisUrlConfig,
  RedisClusterConfig,
  RedisSentinelConfig,
  RedisNode,
} from './redis-config.js';
