// Writes dead letters. Adding is idempotent per failed job (the letter's id derives from the
// source queue and job id), so the two writers — the processor wrapper before it gives up, and
// the failed-event listener for failures no processor saw (stalls) — never duplicate a letter.
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import type { PlatformName } from '../../vocabulary/index.js';
import { splitTracking, type JobTracking } from '../job-schemas.js';
import { platformOfSyncQueue } from '../names.js';
import { classifyFailure } from '../retry/classify-failure.js';
import { deadLetterId, type DeadLetter } from './dead-letter.js';

export interface DeadLetterSink {
  /** Stores the letter in its platform's DLQ; resolves with the letter's id. */
  record(letter: DeadLetter): Promise<string>;
}

export function createDeadLetterSink(
  queues: Readonly<Record<PlatformName, Queue<DeadLetter>>>,
): DeadLetterSink {
  return {
    async record(letter) {
      const id = deadLetterId(letter.queue, letter.jobId);
      await queues[letter.platform].add(letter.code, letter, { jobId: id });
      return id;
    },
  };
}

/** Builds a letter from a job that just failed for good. */
export function deadLetterOf(
  job: Pick<Job, 'id' | 'name' | 'queueName' | 'data' | 'attemptsMade'>,
  error: unknown,
  failedAt: Date,
  overrides: Partial<Pick<DeadLetter, 'action' | 'code' | 'reason'>> = {},
): DeadLetter | undefined {
  const platform = platformOfSyncQueue(job.queueName);
  if (!platform) return undefined;
  const { payload, tracking } = splitTracking((job.data ?? {}) as { tracking?: JobTracking });
  const failure = classifyFailure(error);
  const lastFailedAt = failedAt.toISOString();
  return {
    queue: job.queueName,
    jobId: String(job.id),
    jobName: job.name,
    platform,
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
    const letter = deadLetterOf(job, error, now());
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
