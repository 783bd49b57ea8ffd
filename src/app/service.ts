// The whole service in one process (`offer-sync start`: HTTP + workers + scheduler) or any part
// of it (`offer-sync worker`: workers only), built from the app. Parts stop in reverse order:
// the HTTP server stops taking webhooks, then workers finish or release their jobs, then
// connections close.
import type { Config } from '../config/index.js';
import { createIngressServer } from '../ingress/index.js';
import { entitiesPortOf } from './explainer.js';
import type { Logger } from '../log/logger.js';
import { enqueueSync } from '../queue/index.js';
import { RedisWebhookReplayStore } from '../store/index.js';
import { openApp, type App, type AppOptions } from './app.js';
import { consoleDeps } from './console-deps.js';
import { guardRedis } from './redis-guard.js';
import { upsertReconcileSchedulers } from './scheduler.js';
import { startReconcileWorker, startSyncWorkers, type RunningWorkers } from './workers.js';

export interface ServiceOptions extends AppOptions {
  http: boolean;
  workers: boolean;
  scheduler: boolean;
  /** Sync jobs per connection queue per process. @defaultValue 4 */
  concurrency?: number;
}

export interface RunningService {
  app: App;
  /** The HTTP server's base URL, when it runs. */
  url?: string;
  close(): Promise<void>;
}

export async function startService(
  config: Config,
  logger: Logger,
  options: ServiceOptions,
): Promise<RunningService> {
  const app = await openApp(config, logger, options);
  try {
    await guardRedis(app.redis.commands, config.allowEviction, logger);
    let workers: RunningWorkers | undefined;
    if (options.workers) {
      workers = await startSyncWorkers(
        app,
        options.concurrency === undefined ? {} : { concurrency: options.concurrency },
      );
      await startReconcileWorker(app);
    }
    if (options.scheduler) {
      const ids = await upsertReconcileSchedulers(app, config.reconcileCron);
      if (ids.length > 0)
        logger.info(
          { schedulers: ids, cron: config.reconcileCron },
          'scheduled full reconciliation',
        );
    }
    let url: string | undefined;
    if (options.http) url = await startHttp(app, workers);
    return { app, ...(url === undefined ? {} : { url }), close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function startHttp(app: App, workers: RunningWorkers | undefined): Promise<string> {
  const { config, logger, queues } = app;
  const server = await createIngressServer({
    config,
    logger,
    queues: queues.all(),
    // A change on a connection is synced along every route out of it.
    enqueueSync: async (request) => {
      const jobIds: string[] = [];
      for (const route of app.routesFrom(request.connection)) {
        const queued = await enqueueSync(queues.sync, {
          source: request.connection,
          target: route.target.name,
          kind: request.entity,
          id: request.id,
          ...(request.offerId === undefined ? {} : { offerId: request.offerId }),
          ...(request.event === undefined ? {} : { event: request.event }),
          reason: 'webhook',
        });
        jobIds.push(queued.jobId);
      }
      return { jobIds };
    },
    // On the producer connection: a command fails at once while Redis is away, never waits.
    webhookReplays: new RedisWebhookReplayStore(app.redis.producer, { prefix: app.layout.global }),
    redisAvailable: () => app.redis.available(),
    readiness: async () => {
      const checks: Record<string, string> = {};
      // The producer connection fails at once while Redis is away; the reason is ours, not
      // ioredis' (which names hosts).
      checks.redis = app.redis.available()
        ? await app.redis.producer.ping().then(
            () => 'ok',
            () => 'unreachable',
          )
        : 'unreachable';
      if (workers) checks.workers = workers.running() ? 'ok' : 'not running';
      return { ready: Object.values(checks).every((value) => value === 'ok'), checks };
    },
    metrics: app.metrics,
    reconcileRuns: app.runs,
    entities: entitiesPortOf(app),
    console: consoleDeps(app),
  });
  const url = await server.listen();
  app.cleanup.push('http server', () => server.close());
  return url;
}
