// The whole service in one process (`offer-sync start`: HTTP + workers + scheduler) or any part
// of it (`offer-sync worker`: workers only). Parts stop in reverse order: the HTTP server stops
// taking webhooks, then workers finish or release their jobs, then connections close.
import type { Config } from '../config/index.js';
import { createIngressServer } from '../ingress/index.js';
import type { Logger } from '../log/logger.js';
import { bullPrefix, enqueueSync } from '../queue/index.js';
import { RedisRunStore } from '../store/index.js';
import { guardRedis } from './redis-guard.js';
import { buildRuntime, type Runtime } from './runtime.js';
import { upsertReconcileSchedulers } from './scheduler.js';
import { startSyncWorkers, type RunningWorkers } from './workers.js';

export interface ServiceOptions {
  http: boolean;
  workers: boolean;
  scheduler: boolean;
  /** Sync jobs per platform queue per process. @defaultValue 4 */
  concurrency?: number;
  /** Extra parts started after the core (e.g. the reconcile worker), given the runtime. */
  extensions?: readonly ServiceExtension[];
}

export type ServiceExtension = (runtime: Runtime) => Promise<void>;

export interface RunningService {
  runtime: Runtime;
  /** The HTTP server's base URL, when it runs. */
  url?: string;
  close(): Promise<void>;
}

export async function startService(
  config: Config,
  logger: Logger,
  options: ServiceOptions,
): Promise<RunningService> {
  const runtime = await buildRuntime(config, logger);
  try {
    await guardRedis(runtime.redis, config.allowEviction, logger);
    let workers: RunningWorkers | undefined;
    if (options.workers) {
      workers = await startSyncWorkers(
        runtime,
        options.concurrency === undefined ? {} : { concurrency: options.concurrency },
      );
    }
    for (const extension of options.extensions ?? []) await extension(runtime);
    if (options.scheduler) {
      const ids = await upsertReconcileSchedulers(runtime.queues.reconcile, config.reconcileCron);
      if (ids.length > 0)
        logger.info(
          { schedulers: ids, cron: config.reconcileCron },
          'scheduled full reconciliation',
        );
    }
    let url: string | undefined;
    if (options.http) {
      const server = await createIngressServer({
        config,
        logger,
        queues: runtime.queues.all(),
        enqueueSync: (request) =>
          enqueueSync(runtime.queues.sync, {
            source: request.platform,
            kind: request.entity,
            id: request.id,
            ...(request.offerId === undefined ? {} : { offerId: request.offerId }),
            ...(request.event === undefined ? {} : { event: request.event }),
            reason: 'webhook',
          }),
        readiness: async () => {
          const checks: Record<string, string> = {};
          checks.redis = await runtime.redis.ping().then(
            () => 'ok',
            (error: Error) => `unreachable: ${error.message}`,
          );
          if (workers) checks.workers = workers.running() ? 'ok' : 'not running';
          return { ready: Object.values(checks).every((value) => value === 'ok'), checks };
        },
        metrics: runtime.metrics,
        reconcileRuns: new RedisRunStore(runtime.redis, { prefix: bullPrefix(config.prefix) }),
      });
      url = await server.listen();
      runtime.cleanup.push('http server', () => server.close());
    }
    return {
      runtime,
      ...(url === undefined ? {} : { url }),
      close: () =>
        runtime.cleanup.close((name, error) =>
          logger.warn({ err: error }, `cleanup ${name} failed`),
        ),
    };
  } catch (error) {
    await runtime.cleanup.close();
    throw error;
  }
}
