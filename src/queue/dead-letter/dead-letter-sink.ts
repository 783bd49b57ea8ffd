// Writes dead letters. Adding is idempotent per failed job (the letter's id derives from the
// source queue and job id), so the two writers — the processor wrapper before it gives up, and
// the failed-event listener for failures no processor saw (stalls) — never duplicate a letter.
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import type { ConnectionName, PlatformName } from '../../vocabulary/index.js';
import { splitTracking, type JobTracking } from '../job-schemas.js';
import { connectionOfSyncQueue } from '../names.js';
import { classifyFailure } from '../retry/classify-failure.js';
import { deadLetterId, type DeadLetter } from './dead-letter.js';

type FailedJob = Pick<Job, 'id' | 'name' | 'queueName' | 'data' | 'attemptsMade'>;
type LetterOverrides = Partial<Pick<DeadLetter, 'action' | 'code' | 'reason'>>;

export interface DeadLetterSink {
  /** The letter of a job of a sync queue that just failed for good; `undefined` for other queues. */
  letterOf(
    job: FailedJob,
    error: unknown,
    failedAt: Date,
    overrides?: LetterOverrides,
  ): DeadLetter | undefined;
  /** Stores the letter in its connection's DLQ; resolves with the letter's id. */
  record(letter: DeadLetter): Promise<string>;
}

export function createDeadLetterSink(
  queues: Readonly<Record<ConnectionName, Queue<DeadLetter>>>,
  platformOf: (connection: ConnectionName) => PlatformName | undefined,
): DeadLetterSink {
  return {
    letterOf(job, error, failedAt, overrides = {}) {
      const connection = connectionOfSyncQueue(job.queueName);
      const platform = connection === undefined ? undefined : platformOf(connection);
      if (connection === undefined || platform === undefined) return undefined;
      return deadLetterOf(job, error, failedAt, { connection, platform }, overrides);
    },
    async record(letter) {
      const id = deadLetterId(letter.queue, letter.jobId);
      const queue = queues[letter.connection];
      if (!queue) throw new Error(`no dead-letter queue for connection ${letter.connection}`);
      await queue.add(letter.code, letter, { jobId: id });
      return id;
    },
  };
}

/** Builds a letter from a job that just failed for good. */
function deadLetterOf(
  job: FailedJob,
  error: unknown,
  failedAt: Date,
  where: { connection: ConnectionName; platform: PlatformName },
  overrides: LetterOverrides,
): DeadLetter {
  const { payload, tracking } = splitTracking((job.data ?? {}) as { tracking?: JobTracking });
  const failure = classifyFailure(error);
  const lastFailedAt = failedAt.toISOString();
  return {
    queue: job.queueName,
    jobId: String(job.id),
    jobName: job.name,
    ...where,
    payload,
    action: overrides.action ?? failure.action,
    code: overrides.code ?? failure.code,
    reason: overrides.reason ?? failure.reason,
    attemptsMade: job.attemptsMade,
    rateLimitHits: tracking.rateLimitHits,
    firstFailedAt: tracking.firstFailedAt ?? lastFailedAt,
    lastFailedAt,
  };
}

export interface DeadLetterListenerOptions {
  /** Told when a letter could not be written (Redis down); the job stays in the failed set. */
  onError?: (error: unknown, job: Job) => void;
  now?: () => Date;
}

/**
 * Catches final failures that never reached the processor's catch: a job that stalled more
 * than `maxStalledCount` times, or started more than `maxStartedAttempts`. Harmless for the
 * others: their letter already exists and the add is a no-op.
 */
export function recordDeadLettersOnFailure(
  worker: Worker,
  sink: DeadLetterSink,
  options: DeadLetterListenerOptions = {},
): () => void {
  const now = options.now ?? (() => new Date());
  const listener = (job: Job | undefined, error: Error): void => {
    if (!job || !isFinalFailure(job, error)) return;
    const letter = sink.letterOf(job, error, now());
    if (!letter) return;
    // attemptsMade already counts this failure here (BullMQ increments before emitting).
    sink.record(letter).catch((recordError: unknown) => options.onError?.(recordError, job));
  };
  worker.on('failed', listener);
  return () => {
    worker.off('failed', listener);
  };
}

function isFinalFailure(job: Job, error: Error): boolean {
  return (
    error instanceof UnrecoverableError ||
    error.name === 'UnrecoverableError' ||
    job.attemptsMade >= (job.opts.attempts ?? 1)
  );
}
