export { createQueueExecutor } from './queue-executor.js';
export type { QueueExecutorOptions } from './queue-executor.js';
export { JobWaiter } from './job-waiter.js';
export type { JobOutcome } from './job-waiter.js';
