// The reconcile queue's worker as a part of the service (`serviceExtensions` in src/app): the
// scheduler's jobs run `runReconcile`, the same code as `offer-sync reconcile`. The service's
// own sync workers process the sync jobs a live run enqueues.
import { Worker } from 'bullmq';
import type { ServiceExtension } from './service.js';
import { PLATFORMS } from '../vocabulary/index.js';
import {
  connectRedis,
  queueWorkerOptions,
  RECONCILE_QUEUE,
  reconcileJobSchema,
  wrapProcessor,
} from '../queue/index.js';
import {
  handleReconcileJob,
  type ReconcileJobDeps,
} from '../queue/workers/reconcile-job-handler.js';
import { reconcileDepsFor, type ReconcileDepsOptions } from './reconcile-runtime.js';

export interface ReconcileExtensionOptions extends Partial<ReconcileDepsOptions> {
  /** Passed to every run. */
  run?: ReconcileJobDeps['options'];
}

export function reconcileExtension(options: ReconcileExtensionOptions = {}): ServiceExtension {
  return async (runtime) => {
    const { config, logger, queues, cleanup } = runtime;
    const deps = await reconcileDepsFor(runtime, { targets: PLATFORMS, ...options });
    const connection = await connectRedis(config.redis, 'worker', 'offer-sync:reconcile');
    cleanup.push('redis reconcile worker', async () => {
      await connection.quit().catch(() => connection.disconnect());
    });
    const processor = wrapProcessor(
      handleReconcileJob,
      { reconcile: deps, ...(options.run ? { options: options.run } : {}) },
      { schema: reconcileJobSchema, what: 'reconcile job', queue: queues.reconcile, logger },
    );
    // One run at a time per process: two full runs would only compete for the same budget.
    const worker = new Worker(
      RECONCILE_QUEUE,
      processor,
      queueWorkerOptions({ connection, prefix: config.prefix, concurrency: 1 }),
    );
    worker.on('error', (error) => logger.error({ err: error }, 'reconcile worker error'));
    cleanup.push('reconcile worker', () => worker.close());
    await worker.waitUntilReady();
  };
}
