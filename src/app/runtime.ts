// Everything a running offer-sync needs, built once from the Config and passed inward: Redis
// connections, queues, the per-network limiter, both platform clients, the compiled mappings,
// the stores and the sync dependencies. Cleanup runs in reverse order of construction.
import type { RedisConnection } from '../redis/redis-connection.js';
import type { Config, RateLimit } from '../config/index.js';
import type { PlatformName } from '../vocabulary/index.js';
import type { Logger } from '../log/logger.js';
import { loadMappings, type MappingSet } from '../mapping/index.js';
import { createMetricsRegistry, type MetricsRegistry } from '../metrics/index.js';
import type { PlatformClient } from '../platforms/platform-client.js';
import {
  bullPrefix,
  connectRedis,
  createDeadLetterSink,
  createQueueSet,
  type DeadLetterSink,
  type QueueSet,
  type RateLimiter,
} from '../queue/index.js';
import {
  RedisConflictStore,
  RedisHandoffStore,
  RedisLinkStore,
  RedisObservationStore,
  RedisWriteIntentStore,
  type ConflictStore,
  type HandoffStore,
  type LinkStore,
  type ObservationStore,
  type WriteIntentStore,
} from '../store/index.js';
import type { SyncHandlerDeps } from '../queue/workers/sync-job-handler.js';
import { CleanupStack } from './cleanup-stack.js';
import { createNetworkLimiter } from './network-limiter.js';
import { createPlatformClients } from './platform-clients.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: MetricsRegistry;
  /** For stores and the limiter (commands wait out a reconnect instead of failing). */
  redis: RedisConnection;
  queues: QueueSet;
  limiter: RateLimiter;
  clients: Record<PlatformName, PlatformClient>;
  mappings: MappingSet;
  links: LinkStore;
  intents: WriteIntentStore;
  conflicts: ConflictStore;
  observations: ObservationStore;
  /** Source records reconcile pages hand to the sync jobs they enqueue. */
  handoff: HandoffStore;
  deadLetters: DeadLetterSink;
  syncDeps: SyncHandlerDeps;
  cleanup: CleanupStack;
}

export interface RuntimeOptions {
  metrics?: MetricsRegistry;
  /** The clock for the sync layer. @defaultValue the system clock */
  now?: () => Date;
  /** Each network's rate-limit window margin, in milliseconds. @defaultValue windowMarginMs */
  limiterWindowMarginMs?: (limit: RateLimit) => number;
}

export async function buildRuntime(
  config: Config,
  logger: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const cleanup = new CleanupStack();
  try {
    const mappings = await loadMappings(config.mappingsDir);
    const metrics = options.metrics ?? createMetricsRegistry();
    const prefix = bullPrefix(config.prefix);
    const redis = await connectRedis(config.redis, 'worker', 'offer-sync:commands');
    redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    cleanup.push('redis', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    const producer = await connectRedis(config.redis, 'producer', 'offer-sync:producer');
    producer.on('error', (error) => logger.warn({ err: error }, 'redis producer connection error'));
    cleanup.push('redis producer', async () => {
      await producer.quit().catch(() => producer.disconnect());
    });
    const queues = createQueueSet({ connection: producer, prefix: config.prefix });
    cleanup.push('queues', () => queues.close());

    const limits = {
      ...(config.offerit ? { offerit: config.offerit.rateLimit } : {}),
      ...(config.offerslook ? { offerslook: config.offerslook.rateLimit } : {}),
    };
    const limiter = createNetworkLimiter(redis, config.prefix, limits, {
      onGrant: (grant) =>
        metrics.observeLimiterWait(grant.network, grant.waitedMs, grant.requestClass),
      reconcileShare: config.reconcileBudgetShare,
      ...(options.limiterWindowMarginMs ? { marginMs: options.limiterWindowMarginMs } : {}),
    });
    const clients = createPlatformClients(config, { limiter, metrics }, logger);
    const links = new RedisLinkStore(redis, { prefix });
    const intents = new RedisWriteIntentStore(redis, { prefix });
    const conflicts = new RedisConflictStore(redis, { prefix });
    const observations = new RedisObservationStore(redis, { prefix });
    const handoff = new RedisHandoffStore(redis, { prefix });
    const deadLetters = createDeadLetterSink(queues.deadLetter);
    const now = options.now ?? (() => new Date());
    const syncDeps: SyncHandlerDeps = {
      clients,
      mappings,
      links,
      intents,
      conflicts,
      observations,
      handoff,
      advertiserMap: config.advertiserMap,
      now,
      observeLag: (queue, ms) => metrics.observeSyncLag(queue, ms),
    };
    return {
      config,
      logger,
      metrics,
      redis,
      queues,
      limiter,
      clients,
      mappings,
      links,
      intents,
      conflicts,
      observations,
      handoff,
      deadLetters,
      syncDeps,
      cleanup,
    };
  } catch (error) {
    await cleanup.close();
    throw error;
  }
}
