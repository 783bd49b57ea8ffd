// The service's workers: one per connection that some route writes to, on that connection's sync
// queue (jobs from every route into it), and one reconcile worker running scheduled and demo
// reconciliations with the same code as `offer-sync reconcile`.
import { atMost } from './cleanup-stack.js';
import { logErrorsButOutages } from './redis-health.js';
import { Worker } from 'bullmq';
import {
  queueWorkerOptions,
  RECONCILE_QUEUE,
  reconcileJobSchema,
  wrapProcessor,
} from '../queue/index.js';
import { handleReconcileJob, startSyncWorker } from '../queue/workers/index.js';
import type { App } from './app.js';
import { createReconcilers } from './reconcilers.js';

export interface WorkerOptions {
  /** Sync jobs one worker runs at once, per connection queue. @defaultValue 4 */
  concurrency?: number;
}

export interface RunningWorkers {
  workers: Worker[];
  /** True while every worker is running (for /readyz). */
  running(): boolean;
}

/** The connections some route writes to: each has a queue worth a worker. */
export function targetConnections(app: App): string[] {
  return [...new Set(app.routes.map((route) => route.target.name))];
}

export async function startSyncWorkers(
  app: App,
  options: WorkerOptions = {},
): Promise<RunningWorkers> {
  const { logger, queues } = app;
  const workers: Worker[] = [];
  for (const target of targetConnections(app)) {
    const worker = startSyncWorker({
      connection: await app.redis.dedicated(`worker:${target}`),
      prefix: queues.prefixOf(target),
      queue: queues.sync[target]!,
      deps: app.syncWorkerDeps(target),
      deadLetters: app.deadLetters,
      limiter: app.limiter,
      logger,
      concurrency: options.concurrency ?? 4,
    });
    worker.on(
      'error',
      logErrorsButOutages((error) =>
        logger.error({ err: error, queue: worker.name }, 'worker error'),
      ),
    );
    worker.on('failed', (job, error) =>
      logger.warn({ queue: worker.name, jobId: job?.id, reason: error.message }, 'sync job failed'),
    );
    worker.on('completed', (job) =>
      logger.info({ queue: worker.name, jobId: job.id, result: job.returnvalue }, 'sync job done'),
    );
    await worker.waitUntilReady();
    workers.push(worker);
  }
  // Registered after the workers' own connections, so it runs before they are closed.
  // With Redis away no in-flight job can record its end, so there is nothing to wait for.
  app.cleanup.push('sync workers', () =>
    closeWorkers(workers, shutdownGrace(app), logger.warn.bind(logger)),
  );
  return { workers, running: () => workers.every((worker) => worker.isRunning()) };
}

/** The reconcile queue's worker; its runs' syncs go through the sync queues like any other. */
export async function startReconcileWorker(app: App): Promise<Worker> {
  const { logger, queues } = app;
  const processor = wrapProcessor(
    handleReconcileJob,
    { reconcileFor: createReconcilers(app) },
    { schema: reconcileJobSchema, what: 'reconcile job', queue: queues.reconcile, logger },
  );
  // One run at a time per process: two full runs would only compete for the same budget.
  const worker = new Worker(
    RECONCILE_QUEUE,
    processor,
    queueWorkerOptions({
      connection: await app.redis.dedicated('reconcile'),
      prefix: app.layout.global,
      concurrency: 1,
    }),
  );
  worker.on(
    'error',
    logErrorsButOutages((error) => logger.error({ err: error }, 'reconcile worker error')),
  );
  app.cleanup.push('reconcile worker', () =>
    closeWorkers([worker], shutdownGrace(app), logger.warn.bind(logger)),
  );
  await worker.waitUntilReady();
  return worker;
}

/**
 * How long in-flight jobs get on shutdown: SHUTDOWN_TIMEOUT, and with Redis away none at all
 * (no job could record its end) and only a moment for the forced close, whose commands cannot
 * be answered either.
 */
function shutdownGrace(app: App): { timeoutMs: number; forceWaitMs: number } {
  return app.redis.available()
    ? { timeoutMs: app.config.shutdownTimeoutMs, forceWaitMs: 1000 }
    : { timeoutMs: 0, forceWaitMs: 100 };
}

/**
 * Stops taking jobs and waits for in-flight ones up to `timeoutMs`; past that, closes by force:
 * the unfinished jobs' locks lapse and another worker picks them up (released, not lost).
 */
export async function closeWorkers(
  workers: Worker[],
  grace: number | { timeoutMs: number; forceWaitMs: number },
  warn: (message: string) => void,
): Promise<void> {
  const { timeoutMs, forceWaitMs } =
    typeof grace === 'number' ? { timeoutMs: grace, forceWaitMs: 1000 } : grace;
  const graceful = Promise.all(workers.map((worker) => worker.close()));
  const outcome = await atMost(graceful, timeoutMs);
  if (outcome === 'timeout') {
    warn(`in-flight jobs did not finish within ${timeoutMs} ms; releasing them to other workers`);
    // A forced close still sends commands; with Redis away they never answer, and the locks
    // lapse by themselves.
    await atMost(Promise.all(workers.map((worker) => worker.close(true))), forceWaitMs);
  }
}
