// Every probe request takes a token from the shared Redis limiter when Redis answers, so a probe
// next to a running service stays inside the network's budget; without Redis (doctor must work
// without it) each network is paced locally to its configured limit instead.
import { hooksFor } from '../../app/connection-clients.js';
import { createNetworkLimiter } from '../../app/network-limiter.js';
import { describeRedis, formatRateLimit, type Config, type RateLimit } from '../../config/index.js';
import type { ConnectionName } from '../../vocabulary/index.js';
import type { RequestHooks } from '../../platforms/platform-client.js';
import { createRedisConnection } from '../../queue/index.js';
import type { RedisConnection } from '../../redis/redis-connection.js';
import { keyLayout } from '../../redis/key-layout.js';
import { localPacer } from './local-pacer.js';

export interface ProbeLimiter {
  kind: 'redis' | 'local';
  /** One line saying how requests are paced. */
  detail: string;
  /** The hooks for one connection's requests; `onResponse` is told of each one (for counting). */
  hooksFor(connection: ConnectionName, onResponse: () => void): RequestHooks;
  close(): Promise<void>;
}

/** How long the probe waits for Redis before pacing locally, in milliseconds. */
const REDIS_CONNECT_TIMEOUT_MS = 2000;

export async function createProbeLimiter(config: Config): Promise<ProbeLimiter> {
  const limits: Record<ConnectionName, RateLimit> = Object.fromEntries(
    Object.values(config.connections).map((connection) => [connection.name, connection.rateLimit]),
  );
  const redis = createRedisConnection(config.redis, 'producer', 'offer-sync:probe');
  redis.on('error', () => {});
  const where = describeRedis(config.redis);
  try {
    await connectWithin(redis, REDIS_CONNECT_TIMEOUT_MS);
  } catch (error) {
    redis.disconnect();
    const paced = Object.entries(limits)
      .map(([network, limit]) => `${network} ${formatRateLimit(limit)}`)
      .join(', ');
    return {
      kind: 'local',
      detail: `Redis unreachable at ${where} (${(error as Error).message}): pacing locally to the configured limits (${paced})`,
      hooksFor: (network, onResponse) => {
        const limit = limits[network];
        return {
          ...(limit ? { beforeRequest: localPacer(limit) } : {}),
          afterResponse: onResponse,
        };
      },
      close: async () => {},
    };
  }
  const limiter = createNetworkLimiter(redis, keyLayout(config.prefix), limits, {
    reconcileShare: config.reconcileBudgetShare,
  });
  return {
    kind: 'redis',
    detail: `the shared Redis limiter at ${where} (each request takes a token of the network's budget)`,
    hooksFor: (network, onResponse) => ({
      ...hooksFor(network, { limiter }),
      afterResponse: onResponse,
    }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Connects, or fails after `ms`: a probe does not wait out a Redis that is not there. */
async function connectWithin(redis: RedisConnection, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([redis.connect(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
