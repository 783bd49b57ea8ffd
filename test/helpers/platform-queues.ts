// The queues of a deployment without a config file: two connections named after their platforms
// (`offerit`, `offerslook`), each writing to the other. Typed by platform so a test can say
// `queues.sync.offerslook` without asserting it exists.
import {
  createDeadLetterSink,
  createQueueSet,
  enqueueSync,
  type DeadLetterQueue,
  type DeadLetterSink,
  type Enqueued,
  type QueueSet,
  type QueueSetOptions,
  type SyncQueue,
  type SyncJobRequest,
} from '../../src/queue/index.js';
import { PLATFORMS, otherPlatform, type PlatformName } from '../../src/vocabulary/index.js';

export interface PlatformQueueSet extends QueueSet {
  readonly sync: Readonly<Record<PlatformName, SyncQueue>>;
  readonly deadLetter: Readonly<Record<PlatformName, DeadLetterQueue>>;
}

export function createPlatformQueueSet(
  options: Omit<QueueSetOptions, 'connections'>,
): PlatformQueueSet {
  return createQueueSet({ ...options, connections: PLATFORMS });
}

/** A sync from `source` to the connection of the other platform. */
export function enqueueAcross(
  sync: QueueSet['sync'],
  request: Omit<SyncJobRequest, 'target'> & { source: PlatformName },
  now?: () => Date,
): Promise<Enqueued> {
  return enqueueSync(sync, { ...request, target: otherPlatform(request.source) }, now);
}

/** The sink whose connections are their platforms. */
export function platformDeadLetterSink(queues: QueueSet): DeadLetterSink {
  return createDeadLetterSink(queues.deadLetter, (name) =>
    (PLATFORMS as readonly string[]).includes(name) ? (name as PlatformName) : undefined,
  );
}
