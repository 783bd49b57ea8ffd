// The service's workers: one per connection that some route writes to, on that connection's sync
// queue (jobs from every route into it), and one reconcile worker running scheduled and demo
// reconciliations with the same code as `offer-sync reconcile`.
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
  const { config, logger, queues } = app;
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
  app.cleanup.push('sync workers', () =>
    closeWorkers(workers, config.shutdownTimeoutMs, logger.warn.bind(logger)),
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
  app.cleanup.push('reconcile worker', () => worker.close());
  await worker.waitUntilReady();
  return worker;
}

/**
 * Stops taking jobs and waits for in-flight ones up to `timeoutMs`; past that, closes by force:
 * the unfinished jobs' locks lapse and another worker picks them up (released, not lost).
 */
export async function closeWorkers(
  workers: Worker[],
  timeoutMs: number,
  warn: (message: string) => void,
): Promise<void> {
  const graceful = Promise.all(workers.map((worker) => worker.close()));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([graceful.then(() => 'closed' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    warn(`in-flight jobs did not finish within ${timeoutMs} ms; releasing them to other workers`);
    await Promise.all(workers.map((worker) => worker.close(true)));
  }
}
