export { loadConfig, ConfigError, configFilePath, unknownConnection } from './config.js';
export type { Config, LoadConfigOptions } from './config.js';
export { CONNECTION_NAME, ROUTE_ENTITIES, routeName, sidesOf } from './connections.js';
export type {
  ConnectionConfig,
  OfferitConfig,
  OfferslookConfig,
  RouteConfig,
  RouteEntity,
} from './connections.js';
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
