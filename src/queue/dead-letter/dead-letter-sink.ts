// Writes dead letters. A letter's id derives from the connection, the entity's ref and the
// failure's code, so the same failure found again (the next scheduled run, another webhook for
// the entity) updates one letter (count, lastSeen, the latest reason) instead of adding another.
// Recording is idempotent per failed job: the two writers of a job's letter — the processor
// wrapper before it gives up, and the failed-event listener for failures no processor saw
// (stalls) — count it once. After a write the connection's letters are trimmed (at most once a
// minute per connection and process).
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import type { ConnectionName, PlatformName } from '../../vocabulary/index.js';
import { splitTracking, type JobTracking } from '../job-schemas.js';
import { formatEntityKey } from '../../vocabulary/index.js';
import { connectionOfSyncQueue } from '../names.js';
import { classifyFailure } from '../retry/classify-failure.js';
import {
  deadLetterId,
  deadLetterSchema,
  failureLetterId,
  type DeadLetter,
  type StoredDeadLetter,
} from './dead-letter.js';
import { trimDeadLetters, type DeadLetterRetention } from './dead-letter-trim.js';

/** How often one process trims a connection's letters at most. */
const TRIM_EVERY_MS = 60_000;
/** Failed jobs whose letter this process wrote, remembered at most (the oldest are forgotten). */
const REMEMBERED_JOBS = 10_000;

type FailedJob = Pick<Job, 'id' | 'name' | 'queueName' | 'data' | 'attemptsMade'>;
/** A letter to store: its connection named, the rest as stored letters are read. */
export type LetterToRecord = StoredDeadLetter & { connection: ConnectionName };
type LetterOverrides = Partial<Pick<DeadLetter, 'action' | 'code' | 'reason'>>;

export interface DeadLetterSink {
  /** The letter of a job of a sync queue that just failed for good; `undefined` for other queues. */
  letterOf(
    job: FailedJob,
    error: unknown,
    failedAt: Date,
    overrides?: LetterOverrides,
  ): DeadLetter | undefined;
  /**
   * Stores the letter in its connection's DLQ (or counts it on the letter already there for the
   * same ref and code); resolves with the letter's id. Fields a letter may lack (`origin`,
   * `count`, `firstSeen`, `lastSeen`) are filled in.
   */
  record(letter: LetterToRecord): Promise<string>;
}

export interface DeadLetterSinkOptions {
  /** Trim each connection's letters after writes; omit to never trim. */
  retention?: DeadLetterRetention;
  now?: () => Date;
  /** Told when a trim failed (it is retried after the next write a minute later). */
  onTrimError?: (error: unknown) => void;
}

export function createDeadLetterSink(
  queues: Readonly<Record<ConnectionName, Queue<DeadLetter>>>,
  platformOf: (connection: ConnectionName) => PlatformName | undefined,
  options: DeadLetterSinkOptions = {},
): DeadLetterSink {
  const now = options.now ?? (() => new Date());
  const trimmedAt = new Map<ConnectionName, number>();
  // The failed-event listener sees the processor's own UnrecoverableError, classified under
  // another code than the processor gave the letter: the job, not the code, says "recorded".
  const recordedJobs = new Map<string, string>();
  const remember = (job: string, id: string): void => {
    recordedJobs.set(job, id);
    if (recordedJobs.size > REMEMBERED_JOBS) recordedJobs.delete(recordedJobs.keys().next().value!);
  };
  function trimSoon(connection: ConnectionName, queue: Queue<DeadLetter>): void {
    const { retention } = options;
    const at = now().getTime();
    if (!retention || at - (trimmedAt.get(connection) ?? -Infinity) < TRIM_EVERY_MS) return;
    trimmedAt.set(connection, at);
    trimDeadLetters(queue, retention, now()).catch((error: unknown) => {
      trimmedAt.delete(connection);
      options.onTrimError?.(error);
    });
  }
  return {
    letterOf(job, error, failedAt, overrides = {}) {
      const connection = connectionOfSyncQueue(job.queueName);
      const platform = connection === undefined ? undefined : platformOf(connection);
      if (connection === undefined || platform === undefined) return undefined;
      return deadLetterOf(job, error, failedAt, { connection, platform }, overrides);
    },
    async record(given) {
      const letter = deadLetterSchema.parse(given);
      const job = [letter.queue, letter.jobId, letter.runId ?? '', letter.ref ?? ''].join('|');
      const known = recordedJobs.get(job);
      const queue = queues[letter.connection];
      if (!queue) throw new Error(`no dead-letter queue for connection ${letter.connection}`);
      // Remembered, and still there (not replayed, trimmed or obliterated since): counted.
      if (known !== undefined && (await queue.getJob(known))) return known;
      const id =
        letter.ref === undefined
          ? deadLetterId(letter.queue, letter.jobId)
          : failureLetterId(letter.connection, letter.ref, letter.code);
      const existing = await queue.getJob(id);
      const stored = existing && deadLetterSchema.safeParse(existing.data);
      if (existing && stored?.success) {
        const old = stored.data;
        // The same failed job (or run item) recorded a second time: already counted.
        if (old.queue === letter.queue && old.jobId === letter.jobId && old.runId === letter.runId)
          return id;
        try {
          await existing.updateData({
            ...letter,
            count: old.count + 1,
            firstSeen: old.firstSeen,
          });
          remember(job, id);
          return id;
        } catch (error) {
          // Replayed or trimmed meanwhile: the letter is added afresh below.
          if (await queue.getJob(id)) throw error;
        }
      }
      await queue.add(letter.code, letter, { jobId: id });
      remember(job, id);
      trimSoon(letter.connection, queue);
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
  const ref = refOf(payload);
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
    origin: (payload as { reason?: unknown }).reason === 'reconcile' ? 'reconcile' : 'webhook',
    ...(ref === undefined ? {} : { ref }),
    count: 1,
    firstSeen: lastFailedAt,
    lastSeen: lastFailedAt,
  };
}

/** `offerit:offer:400` from a sync job's payload; `undefined` when the payload does not say. */
function refOf(payload: unknown): string | undefined {
  const { source, kind, id, offerId } = (payload ?? {}) as Record<string, unknown>;
  if (typeof source !== 'string' || typeof id !== 'string') return undefined;
  if (kind !== 'offer' && kind !== 'goal' && kind !== 'commission') return undefined;
  if (kind === 'offer') return `${source}:${formatEntityKey({ kind, id })}`;
  return typeof offerId === 'string'
    ? `${source}:${formatEntityKey({ kind, id, offerId })}`
    : undefined;
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
