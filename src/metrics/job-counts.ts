// Jobs by queue and state, read from Redis at scrape time rather than tracked in process, so
// every replica reports the same truth and nothing drifts when a worker crashes mid-job.
import { Gauge, type Registry } from 'prom-client';

/** What the collector needs from a queue; a BullMQ `Queue` satisfies it. */
export interface JobCountsSource {
  readonly name: string;
  getJobCounts(): Promise<Record<string, number>>;
}

export interface JobCountsOptions {
  /** Longest wait for one queue's counts before that queue is left out of the scrape, in milliseconds. @defaultValue 2000 */
  timeoutMs?: number;
}

export interface JobCountsCollector {
  /** Adds queues to report; a queue whose name is already tracked is replaced. */
  track(queues: readonly JobCountsSource[]): void;
}

export function createJobCountsCollector(
  registry: Registry,
  options: JobCountsOptions = {},
): JobCountsCollector {
  const timeoutMs = options.timeoutMs ?? 2000;
  const queues = new Map<string, JobCountsSource>();
  // prom-client collects all metrics of a scrape concurrently; both gauges share one read.
  let inflight: Promise<Map<string, Record<string, number> | undefined>> | undefined;
  const read = () => {
    inflight ??= readAll().finally(() => (inflight = undefined));
    return inflight;
  };
  const readAll = async () =>
    new Map(
      await Promise.all(
        [...queues.values()].map(async (queue) => {
          try {
            return [queue.name, await withTimeout(queue.getJobCounts(), timeoutMs)] as const;
          } catch {
            return [queue.name, undefined] as const;
          }
        }),
      ),
    );

  new Gauge({
    name: 'offer_sync_jobs',
    help: 'Jobs per queue and state, read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const counts = await read();
      // Reset first so a queue that stopped answering shows no stale counts.
      this.reset();
      for (const [queue, byState] of counts) {
        for (const [state, count] of Object.entries(byState ?? {}))
          this.set({ queue, state }, count);
      }
    },
  });
  new Gauge({
    name: 'offer_sync_job_counts_unavailable',
    help: '1 when this scrape could not read the queue (Redis down or slower than the timeout), else 0',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const counts = await read();
      this.reset();
      for (const [queue, byState] of counts) this.set({ queue }, byState === undefined ? 1 : 0);
    },
  });
  return {
    track(sources) {
      for (const queue of sources) queues.set(queue.name, queue);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
