// What reconciling a route needs beyond the route itself: the target queue's events and a job
// waiter (a live run syncs through the queues), optionally an in-process sync worker on that queue
// (so a run finishes whether or not `offer-sync worker` processes run), the run store. Opened on
// first use per route and registered on the app's cleanup stack.
import { logErrorsButOutages } from './redis-health.js';
import { QueueEvents } from 'bullmq';
import { reconcileFailureSink } from '../queue/dead-letter/index.js';
import { createQueueExecutor } from '../queue/executor/index.js';
import { startSyncWorker, type RouteReconcile } from '../queue/workers/index.js';
import type { ConnectionName } from '../vocabulary/index.js';
import type { App } from './app.js';
import type { AppRoute } from './routes.js';

export interface ReconcilerOptions {
  /** Start an in-process sync worker on each reconciled route's target queue. @defaultValue false */
  worker?: boolean;
  /** Jobs each in-process worker runs at once. @defaultValue 8 */
  workerConcurrency?: number;
}

export type Reconcilers = (
  from: ConnectionName,
  to: ConnectionName,
) => Promise<RouteReconcile | undefined>;

export function createReconcilers(app: App, options: ReconcilerOptions = {}): Reconcilers {
  const opened = new Map<string, Promise<RouteReconcile>>();
  const workers = new Set<ConnectionName>();
  return async (from, to) => {
    const route = app.route(from, to);
    if (!route) return undefined;
    let reconciler = opened.get(route.config.name);
    if (!reconciler) {
      reconciler = open(route);
      opened.set(route.config.name, reconciler);
    }
    return reconciler;
  };

  async function open(route: AppRoute): Promise<RouteReconcile> {
    const { queues, logger, cleanup } = app;
    const target = route.target.name;
    const prefix = queues.prefixOf(target);
    const events = new QueueEvents(queues.sync[target]!.name, {
      connection: await app.redis.dedicated(`reconcile-events:${route.config.name}`),
      prefix,
    });
    events.on(
      'error',
      logErrorsButOutages((error) => logger.warn({ err: error }, 'reconcile queue events error')),
    );
    cleanup.push(`reconcile events ${route.config.name}`, () => events.close());
    const executor = await createQueueExecutor({
      queues: queues.sync,
      route: { source: route.source.name, target },
      handoff: app.handoff,
      events,
      now: app.now,
    });
    cleanup.push(`reconcile executor ${route.config.name}`, () => executor.close());
    if (options.worker && !workers.has(target)) {
      workers.add(target);
      const worker = startSyncWorker({
        connection: await app.redis.dedicated(`reconcile-worker:${target}`),
        prefix,
        queue: queues.sync[target]!,
        deps: app.syncWorkerDeps(target),
        deadLetters: app.deadLetters,
        limiter: app.limiter,
        logger,
        ...(options.workerConcurrency ? { concurrency: options.workerConcurrency } : {}),
      });
      worker.on(
        'error',
        logErrorsButOutages((error) => logger.warn({ err: error }, 'reconcile sync worker error')),
      );
      cleanup.push(`reconcile sync worker ${target}`, () => worker.close());
      await worker.waitUntilReady();
    }
    return {
      from: route.source.platform,
      to: route.target.platform,
      deps: {
        sync: route.sync,
        routeName: route.config.name,
        redis: app.redis.commands,
        prefix: route.pair.prefix,
        liveExecutor: executor,
        vanishedPolicy: app.config.vanishedPolicy,
        runs: app.runs,
        failures: reconcileFailureSink(app.deadLetters, {
          source: route.source.name,
          target,
          targetPlatform: route.target.platform,
        }),
        metrics: app.metrics,
        logger,
      },
    };
  }
}
