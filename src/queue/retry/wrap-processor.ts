// Turns a plain `(job, deps) => result` function into a BullMQ processor that applies the
// retry policy: a 429 pauses the network and the queue and retries without spending an
// attempt (up to a bound); a transient failure is rethrown so the job's backoff applies; a
// permanent one becomes an UnrecoverableError. Whatever fails for good is dead-lettered first.
// The handler runs inside its payload's request class, so the limiter knows reconciliation's
// requests from live ones.
import { UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import type { z } from 'zod';
import { isPlatformError } from '../../platforms/errors.js';
import type { DeadLetterSink } from '../dead-letter/dead-letter-sink.js';
import { parsePayload, splitTracking, type JobTracking } from '../job-schemas.js';
import type { RateLimiter } from '../limiter/rate-limiter.js';
import { requestClassOf, runAsClass, type RequestClass } from '../../platforms/request-class.js';
import { classifyFailure, type FailureClass } from './classify-failure.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.js';

export interface ProcessorJob<P> {
  /** The validated payload (the queue's bookkeeping removed). */
  payload: P;
  /** The BullMQ job, for its id, progress and log. */
  job: Job;
  /** Aborted when the worker cancels the job or shuts down. */
  signal: AbortSignal | undefined;
}

export type JobHandler<P, D, R> = (job: ProcessorJob<P>, deps: D) => Promise<R>;

/** What can pause a queue for everyone: a BullMQ `Queue` (or the deprecated `Worker.rateLimit`). */
export interface RateLimitTarget {
  rateLimit(expireTimeMs: number): Promise<void>;
}

/** Logs decisions worth a line; optional. */
export interface WrapLogger {
  warn(object: object, message: string): void;
}

export interface WrapOptions<S extends z.ZodType> {
  /** The payload schema (bookkeeping is stripped before parsing). */
  schema: S;
  /** Names the payload in validation errors, e.g. `sync job`. */
  what: string;
  /** The queue this worker serves; paused on a 429 so no worker picks jobs up meanwhile. */
  queue: RateLimitTarget;
  /** Shared per-network pause, so every process's requests to that network wait too. */
  limiter?: Pick<RateLimiter, 'pause'>;
  /** Where jobs that fail for good are copied; omit for queues without a DLQ (reconcile). */
  deadLetters?: DeadLetterSink;
  policy?: Partial<RetryPolicy>;
  now?: () => Date;
  logger?: WrapLogger;
  /**
   * The class the handler's requests are made in. @defaultValue `reconcile` for a payload whose
   * `reason` is `reconcile`, else `live`
   */
  requestClass?: (payload: z.output<S>) => RequestClass;
}

function classOfPayload(payload: unknown): RequestClass {
  return requestClassOf((payload as { reason?: unknown } | null)?.reason);
}

export function wrapProcessor<S extends z.ZodType, D, R>(
  handler: JobHandler<z.output<S>, D, R>,
  deps: D,
  options: WrapOptions<S>,
): Processor<unknown, R> {
  const policy = resolveRetryPolicy(options.policy);
  const now = options.now ?? (() => new Date());
  const requestClass = options.requestClass ?? classOfPayload;

  async function deadLetter(
    job: Job,
    error: unknown,
    failure: FailureClass,
    failedAt: Date,
  ): Promise<void> {
    if (!options.deadLetters) return;
    // Counted as BullMQ will once this failure lands, so the letter matches the failed job.
    const counted = { ...jobFields(job), attemptsMade: job.attemptsMade + 1 };
    const letter = options.deadLetters.letterOf(counted, error, failedAt, failure);
    if (letter) await options.deadLetters.record(letter);
  }

  return async (job, _token, signal) => {
    const data = (job.data ?? {}) as Record<string, unknown> & { tracking?: JobTracking };
    const { payload: raw, tracking } = splitTracking(data);
    try {
      const payload = parsePayload(options.schema, raw, options.what);
      return await runAsClass(requestClass(payload), () => handler({ payload, job, signal }, deps));
    } catch (error) {
      const failure = classifyFailure(error);
      const failedAtDate = now();
      const firstFailedAt = tracking.firstFailedAt ?? failedAtDate.toISOString();

      if (failure.action === 'rate-limited') {
        const hits = tracking.rateLimitHits + 1;
        if (hits <= policy.maxRateLimitRetries) {
          const pauseMs = failure.delayMs ?? policy.rateLimitFallbackMs;
          await job.updateData({ ...data, tracking: { rateLimitHits: hits, firstFailedAt } });
          if (options.limiter && isPlatformError(error))
            await options.limiter.pause(error.connection ?? error.platform, pauseMs);
          await options.queue.rateLimit(pauseMs);
          options.logger?.warn(
            { jobId: job.id, queue: job.queueName, pauseMs, hits },
            'rate limited; queue paused',
          );
          // Moves the job back to waiting without spending an attempt.
          throw Worker.RateLimitError();
        }
        const exhausted: FailureClass = {
          ...failure,
          reason: `${failure.reason} (rate limited ${hits} times; the bound is ${policy.maxRateLimitRetries})`,
        };
        await job.updateData({ ...data, tracking: { rateLimitHits: hits, firstFailedAt } });
        await deadLetter(job, error, exhausted, failedAtDate);
        throw new UnrecoverableError(exhausted.reason);
      }

      if (failure.action === 'backoff') {
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (tracking.firstFailedAt === undefined) {
          await job.updateData({ ...data, tracking: { ...tracking, firstFailedAt } });
        }
        if (lastAttempt) await deadLetter(job, error, failure, failedAtDate);
        // BullMQ applies the job's backoff, or fails it when attempts are spent.
        throw error;
      }

      if (tracking.firstFailedAt === undefined) {
        await job.updateData({ ...data, tracking: { ...tracking, firstFailedAt } });
      }
      await deadLetter(job, error, failure, failedAtDate);
      throw new UnrecoverableError(failure.reason);
    }
  };
}

function jobFields(job: Job): Pick<Job, 'id' | 'name' | 'queueName' | 'data' | 'attemptsMade'> {
  const data: unknown = job.data;
  return {
    id: job.id,
    name: job.name,
    queueName: job.queueName,
    data,
    attemptsMade: job.attemptsMade,
  };
}
