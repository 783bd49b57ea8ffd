// The composition root: everything a running offer-sync needs, built once from the Config and
// passed inward. Connections -> clients with their limiters -> queues -> routes (the pairs'
// stores and sync dependencies) -> what workers, the scheduler and the HTTP server are made of.
// Every entry point (`start`, `worker`, `reconcile`, the other commands, the demo) asks this for
// what it needs; cleanup runs in reverse order of construction.
import type { Config, RateLimit } from '../config/index.js';
import type { Logger } from '../log/logger.js';
import { createMetricsRegistry, type MetricsRegistry } from '../metrics/index.js';
import type { PlatformClient } from '../platforms/platform-client.js';
import {
  countOpenLetters,
  createDeadLetterSink,
  createQueueSet,
  type DeadLetterSink,
  type QueueSet,
  type RateLimiter,
} from '../queue/index.js';
import type { SyncHandlerDeps } from '../queue/workers/index.js';
import { keyLayout, type KeyLayout } from '../redis/key-layout.js';
import {
  RedisHandoffStore,
  RedisRunStore,
  type HandoffStore,
  type RunStore,
} from '../store/index.js';
import type { ConnectionName } from '../vocabulary/index.js';
import { atMost, CleanupStack } from './cleanup-stack.js';
import { createConnectionClients } from './connection-clients.js';
import { migrateLegacyLayout } from './legacy-layout.js';
import { createNetworkLimiter } from './network-limiter.js';
import { openRedisConnections, type RedisConnections } from './redis-connections.js';
import { buildRoutes, type AppRoute } from './routes.js';
import { createOperatorStores, type OperatorStores } from './operator-stores.js';

export interface AppOptions {
  metrics?: MetricsRegistry;
  /** The clock for the sync layer. @defaultValue the system clock */
  now?: () => Date;
  /** Each network's rate-limit window margin, in milliseconds. @defaultValue windowMarginMs */
  limiterWindowMarginMs?: (limit: RateLimit) => number;
}

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly redis: RedisConnections;
  readonly layout: KeyLayout;
  readonly queues: QueueSet;
  readonly limiter: RateLimiter;
  /** By connection name. */
  readonly clients: Readonly<Record<ConnectionName, PlatformClient>>;
  readonly routes: readonly AppRoute[];
  readonly deadLetters: DeadLetterSink;
  /** Source records reconcile pages hand to the sync jobs they enqueue. */
  readonly handoff: HandoffStore;
  /** Reconcile run reports (the deployment's, under its own hash tag). */
  readonly runs: RunStore;
  /** Entity history, locks and pending offers (`offer-sync status`, `lock`, `pending`). */
  readonly operator: OperatorStores;
  readonly now: () => Date;
  readonly cleanup: CleanupStack;
  /** The route from `source` to `target`, if configured. */
  route(source: ConnectionName, target: ConnectionName): AppRoute | undefined;
  /** The routes out of `source` (a webhook on it syncs along each). */
  routesFrom(source: ConnectionName): AppRoute[];
  /** What the worker of `target`'s queue needs: every route into it. */
  syncWorkerDeps(target: ConnectionName): SyncHandlerDeps;
  close(): Promise<void>;
}

export async function openApp(
  config: Config,
  logger: Logger,
  options: AppOptions = {},
): Promise<App> {
  const cleanup = new CleanupStack();
  try {
    const metrics = options.metrics ?? createMetricsRegistry();
    const now = options.now ?? (() => new Date());
    const layout = keyLayout(config.prefix);
    const redis = await openRedisConnections(config.redis, logger, cleanup);
    await migrateLegacyLayout(redis.commands, config, layout, logger);
    const connections = Object.values(config.connections);
    const queues = createQueueSet({
      connection: redis.producer,
      prefix: config.prefix,
      connections: connections.map((connection) => connection.name),
    });
    // With Redis away a queue's close waits on commands that cannot run; it must not hold the exit.
    cleanup.push('queues', async () => {
      await atMost(queues.close(), 1000);
    });
    const limiter = createNetworkLimiter(
      redis.commands,
      layout,
      Object.fromEntries(connections.map((connection) => [connection.name, connection.rateLimit])),
      {
        onGrant: (grant) =>
          metrics.observeLimiterWait(grant.network, grant.waitedMs, grant.requestClass),
        reconcileShare: config.reconcileBudgetShare,
        ...(options.limiterWindowMarginMs ? { marginMs: options.limiterWindowMarginMs } : {}),
      },
    );
    const clients = createConnectionClients(config.connections, { limiter, metrics }, logger);
    const operator = createOperatorStores(redis.commands, layout);
    const routes = await buildRoutes({
      config,
      redis: redis.commands,
      layout,
      clients,
      operator,
      now,
    });
    const deadLetters = createDeadLetterSink(
      queues.deadLetter,
      (name) => config.connections[name]?.platform,
      {
        retention: config.deadLetterRetention,
        now,
        onTrimError: (error) => logger.warn({ err: error }, 'trimming dead letters failed'),
      },
    );
    metrics.trackDeadLetters(() => countOpenLetters(redis.commands, queues.deadLetter));
    const handoff = new RedisHandoffStore(redis.commands, { layout });
    const runs = new RedisRunStore(redis.commands, {
      prefix: layout.global,
      leaseMs: config.reconcileLeaseMs,
    });
    const route = (source: ConnectionName, target: ConnectionName) =>
      routes.find(
        (candidate) => candidate.source.name === source && candidate.target.name === target,
      );
    return {
      config,
      logger,
      metrics,
      redis,
      layout,
      queues,
      limiter,
      clients,
      routes,
      deadLetters,
      handoff,
      runs,
      operator,
      now,
      cleanup,
      route,
      routesFrom: (source) => routes.filter((candidate) => candidate.source.name === source),
      syncWorkerDeps: (target) => ({
        target,
        routeFrom(source) {
          const found = route(source, target);
          return found && { deps: found.sync, sourcePlatform: found.source.platform };
        },
        handoff,
        observeLag: (queue, ms) => metrics.observeSyncLag(queue, ms),
        now,
      }),
      close: () =>
        cleanup.close((name, error) => logger.warn({ err: error }, `cleanup ${name} failed`)),
    };
  } catch (error) {
    await cleanup.close();
    throw error;
  }
}
