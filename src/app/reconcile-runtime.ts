// What a reconcile run needs on top of the service's runtime (src/app/runtime.ts): queue events
// and a waiter for the target sync queues, optionally an in-process sync worker per target (so a
// run completes whether or not `offer-sync worker` processes run), and the run store. Everything
// started here is registered on the runtime's cleanup stack, closed in reverse order.
import { QueueEvents } from 'bullmq';
import { buildRuntime, type Runtime } from './runtime.js';
import type { Config } from '../config/index.js';
import type { PlatformName } from '../vocabulary/index.js';
import type { Logger } from '../log/logger.js';
import type { MetricsRegistry } from '../metrics/index.js';
import { connectRedis } from '../queue/index.js';
import { bullPrefix } from '../queue/index.js';
import type { ReconcileDeps } from '../sync/reconcile/reconcile-deps.js';
import { createQueueExecutor } from '../queue/executor/queue-executor.js';
import { startSyncWorker } from '../queue/workers/sync-worker.js';
import { RedisRunStore } from '../store/runs/run-store.js';

export interface ReconcileDepsOptions {
  /** The platforms runs write to: live runs enqueue on and wait for their sync queues. */
  targets: readonly PlatformName[];
  /** Start an in-process sync worker per target queue. @defaultValue false */
  worker?: boolean;
  /** Jobs each in-process worker runs at once. @defaultValue 8 */
  workerConcurrency?: number;
  /** Reports kept in Redis. @defaultValue 50 */
  keepRuns?: number;
}

export async function reconcileDepsFor(
  runtime: Runtime,
  options: ReconcileDepsOptions,
): Promise<ReconcileDeps> {
  const { config, logger, queues, cleanup } = runtime;
  const events: Partial<Record<PlatformName, QueueEvents>> = {};
  for (const target of options.targets) {
    // QueueEvents blocks on its connection, so each gets its own.
    const connection = await connectRedis(
      config.redis,
      'worker',
      `offer-sync:reconcile-events:${target}`,
    );
    cleanup.push(`redis reconcile events ${target}`, async () => {
      await connection.quit().catch(() => connection.disconnect());
    });
    const queueEvents = new QueueEvents(queues.sync[target].name, {
      connection,
      prefix: queues.prefix,
    });
    queueEvents.on('error', (error) => logger.warn({ err: error }, 'reconcile queue events error'));
    cleanup.push(`reconcile events ${target}`, () => queueEvents.close());
    events[target] = queueEvents;
  }
  const executor = await createQueueExecutor({
    queues: queues.sync,
    handoff: runtime.handoff,
    events,
    now: runtime.syncDeps.now,
  });
  cleanup.push('reconcile executor', () => executor.close());

  if (options.worker) {
    for (const target of options.targets) {
      const connection = await connectRedis(
        config.redis,
        'worker',
        `offer-sync:reconcile-worker:${target}`,
      );
      cleanup.push(`redis reconcile worker ${target}`, async () => {
        await connection.quit().catch(() => connection.disconnect());
      });
      const worker = startSyncWorker({
        target,
        connection,
        prefix: config.prefix,
        queue: queues.sync[target],
        deps: runtime.syncDeps,
        deadLetters: runtime.deadLetters,
        limiter: runtime.limiter,
        logger,
        ...(options.workerConcurrency ? { concurrency: options.workerConcurrency } : {}),
      });
      worker.on('error', (error) => logger.warn({ err: error }, 'reconcile sync worker error'));
      cleanup.push(`reconcile sync worker ${target}`, () => worker.close());
      await worker.waitUntilReady();
    }
  }
  const prefix = bullPrefix(config.prefix);
  return {
    sync: runtime.syncDeps,
    redis: runtime.redis,
    prefix,
    liveExecutor: executor,
    vanishedPolicy: config.vanishedPolicy,
    runs: new RedisRunStore(runtime.redis, {
      prefix,
      ...(options.keepRuns ? { keep: options.keepRuns } : {}),
    }),
    metrics: runtime.metrics,
    logger,
  };
}

export interface ReconcileRuntimeOptions extends ReconcileDepsOptions {
  metrics?: MetricsRegistry;
  now?: () => Date;
}

export interface ReconcileRuntime {
  runtime: Runtime;
  deps: ReconcileDeps;
  close(): Promise<void>;
}

/** The service runtime plus reconcile's parts, for a process that runs reconciliations itself. */
export async function openReconcileRuntime(
  config: Config,
  logger: Logger,
  options: ReconcileRuntimeOptions,
): Promise<ReconcileRuntime> {
  const runtime = await buildRuntime(config, logger, {
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const close = () =>
    runtime.cleanup.close((name, error) => logger.warn({ err: error }, `cleanup ${name} failed`));
  try {
    return { runtime, deps: await reconcileDepsFor(runtime, options), close };
  } catch (error) {
    await close();
    throw error;
  }
}
