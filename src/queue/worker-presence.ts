// Is anything taking jobs from a queue right now? BullMQ names each worker's Redis connection
// after its queue, so `CLIENT LIST` answers without waiting for a job to time out. Where the
// server refuses CLIENT LIST (some managed Redis), BullMQ answers one placeholder entry: we then
// cannot tell, and say so rather than claim there is none.
import type { Queue } from 'bullmq';

export type WorkerPresence = 'running' | 'none' | 'unknown';

/** BullMQ's stand-in row when the server does not allow CLIENT LIST. */
const NO_CLIENT_LIST = 'GCP does not support client list';

export async function workerPresence(queue: Pick<Queue, 'getWorkers'>): Promise<WorkerPresence> {
  const workers = await queue.getWorkers();
  if (workers.length === 0) return 'none';
  if (workers.every((worker) => worker.name === NO_CLIENT_LIST)) return 'unknown';
  return 'running';
}
