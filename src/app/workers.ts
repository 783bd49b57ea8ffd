// The sync workers: one per target platform's queue, each job run through the retry policy
// (wrapProcessor) and copied to that platform's dead-letter queue when it fails for good.
import { Worker } from 'bullmq';
import { PLATFORMS, type PlatformName } from '../vocabulary/index.js';
import {
  connectRedis,
  queueWorkerOptions,
  recordDeadLettersOnFailure,
  syncJobSchema,
  syncQueueName,
  wrapProcessor,
} from '../queue/index.js';
import { handleSyncJob } from '../queue/workers/sync-job-handler.js';
import type { Runtime } from './runtime.js';

export interface WorkerOptions {
  /** Sync jobs one worker runs at once, per platform queue. @defaultValue 4 */
  concurrency?: number;
}

export interface RunningWorkers {
  workers: Worker[];
  /** True while every worker is running (for /readyz). */
  running(): boolean;
}

export async function startSyncWorkers(
  runtime: Runtime,
  options: WorkerOptions = {},
): Promise<RunningWorkers> {
  const { config, logger } = runtime;
  const workers: Worker[] = [];
  for (const platform of PLATFORMS) {
    workers.push(await startSyncWorker(runtime, platform, options.concurrency ?? 4));
  }
  // Registered after the workers' own connections, so it runs before they are closed.
  runtime.cleanup.push('sync workers', () =>
    closeWorkers(workers, config.shutdownTimeoutMs, logger.warn.bind(logger)),
  );
  return { workers, running: () => workers.every((worker) => worker.isRunning()) };
}

async function startSyncWorker(
  runtime: Runtime,
  platform: PlatformName,
  concurrency: number,
): Promise<Worker> {
  const { config, logger, queues } = runtime;
  const connection = await connectRedis(config.redis, 'worker', `offer-sync:worker:${platform}`);
  runtime.cleanup.push(`redis worker ${platform}`, async () => {
    await connection.quit().catch(() => connection.disconnect());
  });
  const processor = wrapProcessor(handleSyncJob, runtime.syncDeps, {
    schema: syncJobSchema,
    what: 'sync job',
    queue: queues.sync[platform],
    limiter: runtime.limiter,
    deadLetters: runtime.deadLetters,
    logger,
  });
  const worker = new Worker(
    syncQueueName(platform),
    processor,
    queueWorkerOptions({ connection, prefix: config.prefix, concurrency }),
  );
  worker.on('error', (error) => logger.error({ err: error, queue: worker.name }, 'worker error'));
  worker.on('failed', (job, error) =>
    logger.warn({ queue: worker.name, jobId: job?.id, reason: error.message }, 'sync job failed'),
  );
  worker.on('completed', (job) =>
    logger.info({ queue: worker.name, jobId: job.id, result: job.returnvalue }, 'sync job done'),
  );
  recordDeadLettersOnFailure(worker, runtime.deadLetters);
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
