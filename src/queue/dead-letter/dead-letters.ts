// Reading and replaying dead letters. A replay re-enqueues the original payload (reason
// `replay`) on the sync queue and removes the letter only once the new job exists: a crash in
// between leaves both, never neither.
import { OfferSyncError } from '../../errors/index.js';
import type { Job, Queue } from 'bullmq';
import type { ConnectionName, PlatformName } from '../../vocabulary/index.js';
import { enqueueSync } from '../enqueue.js';
import { parsePayload, syncJobSchema, type SyncJobData } from '../job-schemas.js';
import {
  deadLetterSchema,
  LETTER_STATES,
  type DeadLetter,
  type DeadLetterEntry,
} from './dead-letter.js';

export interface DeadLetterQueues {
  readonly sync: Readonly<Record<ConnectionName, Queue<SyncJobData>>>;
  readonly deadLetter: Readonly<Record<ConnectionName, Queue<DeadLetter>>>;
}

/** Which letters: of one connection, of every connection of one platform, or all. */
export interface LetterFilter {
  connection?: ConnectionName;
  platform?: PlatformName;
}

export interface Replayed {
  /** The letter's id (now removed). */
  id: string;
  /** The sync job that will run it (new, or an existing one for the same entity). */
  jobId: string;
  queue: string;
}

export interface ReplayAllResult {
  replayed: Replayed[];
  failed: { id: string; error: string }[];
}

export class DeadLetterNotFoundError extends OfferSyncError {
  override readonly name = 'DeadLetterNotFoundError';
  readonly code = 'NOT_FOUND';
  readonly retryable = false;
}

export interface DeadLetters {
  /** Letters, oldest failure first. */
  list(filter?: LetterFilter): Promise<DeadLetterEntry[]>;
  replay(id: string): Promise<Replayed>;
  /** Replays every letter the filter picks; a letter that fails to replay stays and is reported. */
  replayAll(filter?: LetterFilter): Promise<ReplayAllResult>;
}

export function createDeadLetters(
  queues: DeadLetterQueues,
  now: () => Date = () => new Date(),
): DeadLetters {
  const connections = () => Object.keys(queues.deadLetter);

  async function jobsOf(filter: LetterFilter = {}): Promise<Job<DeadLetter>[]> {
    const names = filter.connection === undefined ? connections() : [filter.connection];
    const lists = await Promise.all(
      names.map(async (name) => {
        const queue = queues.deadLetter[name];
        return queue ? queue.getJobs([...LETTER_STATES], 0, -1, true) : [];
      }),
    );
    return lists
      .flat()
      .filter((job) => job !== undefined)
      .filter((job) => filter.platform === undefined || job.data.platform === filter.platform);
  }

  async function find(id: string): Promise<Job<DeadLetter>> {
    for (const name of connections()) {
      const job = await queues.deadLetter[name]!.getJob(id);
      if (job) return job;
    }
    throw new DeadLetterNotFoundError(`no dead letter with id ${JSON.stringify(id)}`);
  }

  async function replayJob(job: Job<DeadLetter>): Promise<Replayed> {
    const id = String(job.id);
    const letter = deadLetterSchema.parse(job.data);
    const payload = parsePayload(syncJobSchema, letter.payload, `dead letter ${id}`);
    const enqueued = await enqueueSync(queues.sync, {
      ...payload,
      target: letter.connection,
      reason: 'replay',
      requestedAt: now().toISOString(),
    });
    await job.remove();
    return { id, ...enqueued };
  }

  return {
    async list(filter) {
      const jobs = await jobsOf(filter);
      return jobs
        .map((job) => ({ ...deadLetterSchema.parse(job.data), id: String(job.id) }))
        .sort((a, b) => a.lastFailedAt.localeCompare(b.lastFailedAt) || a.id.localeCompare(b.id));
    },
    async replay(id) {
      return replayJob(await find(id));
    },
    async replayAll(filter) {
      const result: ReplayAllResult = { replayed: [], failed: [] };
      for (const job of await jobsOf(filter)) {
        try {
          result.replayed.push(await replayJob(job));
        } catch (error) {
          result.failed.push({ id: String(job.id), error: (error as Error).message });
        }
      }
      return result;
    },
  };
}
