// Pipeline overhead: the same number of jobs at the same concurrency on the same Redis, once
// through an empty BullMQ processor and once through the real sync (read the Offerit offer,
// map it, create it on Offerslook, read it back, save the link), against sandboxes without a
// rate limit. Jobs are queued before the workers start, so only processing is timed.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '../../src/queue/index.js';
import { startPipelineHarness } from '../../test/helpers/pipeline-harness.js';
import { bulkIds, bulkOffers } from '../../test/e2e/pipeline/network.js';

export interface OverheadOptions {
  redisUrl: string;
  prefix: string;
  jobs: number;
  concurrency: number;
}

export interface OverheadResult {
  jobs: number;
  concurrency: number;
  emptyPerSec: number;
  pipelinePerSec: number;
  /** pipeline / empty processor. */
  ratio: number;
}

export async function measureOverhead(options: OverheadOptions): Promise<OverheadResult> {
  const emptyPerSec = await emptyProcessorRate(options);
  const pipelinePerSec = await pipelineRate(options);
  return {
    jobs: options.jobs,
    concurrency: options.concurrency,
    emptyPerSec,
    pipelinePerSec,
    ratio: pipelinePerSec / emptyPerSec,
  };
}

async function emptyProcessorRate(options: OverheadOptions): Promise<number> {
  const producer = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const consumer = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const prefix = bullPrefix(`${options.prefix}-empty`);
  const queue = new Queue('sync-offerslook', { connection: producer, prefix });
  const worker = new Worker('sync-offerslook', () => Promise.resolve(undefined), {
    connection: consumer,
    prefix,
    concurrency: options.concurrency,
    autorun: false,
  });
  try {
    await queue.addBulk(
      Array.from({ length: options.jobs }, (_, index) => ({
        name: 'offerit.offer',
        data: { source: 'offerit', kind: 'offer', id: String(1000 + index), reason: 'cli' },
      })),
    );
    let done = 0;
    const finished = new Promise<void>((resolve) => {
      worker.on('completed', () => {
        done += 1;
        if (done === options.jobs) resolve();
      });
    });
    const started = performance.now();
    void worker.run();
    await finished;
    return options.jobs / ((performance.now() - started) / 1000);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  }
}

async function pipelineRate(options: OverheadOptions): Promise<number> {
  const harness = await startPipelineHarness({
    redisUrl: options.redisUrl,
    prefix: `${options.prefix}-pipeline`,
    seed: bulkOffers(options.jobs),
    workers: false,
  });
  try {
    const queue = harness.app.queues.sync.offerslook!;
    for (const id of bulkIds(options.jobs)) await harness.enqueue('offerit', { kind: 'offer', id });
    const started = performance.now();
    await harness.startWorkers(options.concurrency);
    while ((await queue.getCompletedCount()) < options.jobs) {
      if ((await queue.getFailedCount()) > 0)
        throw new Error('a sync job failed in the overhead run');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return options.jobs / ((performance.now() - started) / 1000);
  } finally {
    await harness.stop();
  }
}
