// Waits for many jobs of one queue at once with a single pair of QueueEvents listeners, and a
// slow sweep that reads a job's state directly in case its event was missed (the event stream
// is trimmed, so a waiter that fell far behind could otherwise wait forever).
import { Job, type Queue, type QueueEvents } from 'bullmq';

export type JobOutcome = { ok: true; value: unknown } | { ok: false; reason: string };

export interface JobWaiterOptions {
  /** How often jobs still pending are checked directly, in milliseconds. @defaultValue 5000 */
  sweepEveryMs?: number;
}

export class JobWaiter {
  private readonly pending = new Map<string, ((outcome: JobOutcome) => void)[]>();
  private readonly timer: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    options: JobWaiterOptions = {},
  ) {
    events.on('completed', this.onCompleted);
    events.on('failed', this.onFailed);
    this.timer = setInterval(() => void this.sweep(), options.sweepEveryMs ?? 5000);
    this.timer.unref();
  }

  /**
   * Resolves when the job completes (with its return value) or fails for good (with its reason).
   * The QueueEvents must be ready (`waitUntilReady`) before the job is added.
   */
  wait(jobId: string): Promise<JobOutcome> {
    const promise = new Promise<JobOutcome>((resolve) => {
      const waiting = this.pending.get(jobId) ?? [];
      waiting.push(resolve);
      this.pending.set(jobId, waiting);
    });
    // It may have finished before anyone listened (a fast worker, or a job we were merged into).
    void this.check(jobId);
    return promise;
  }

  get size(): number {
    return this.pending.size;
  }

  close(): void {
    clearInterval(this.timer);
    this.events.off('completed', this.onCompleted);
    this.events.off('failed', this.onFailed);
    for (const jobId of [...this.pending.keys()]) {
      this.settle(jobId, { ok: false, reason: 'stopped waiting: the run was shut down' });
    }
  }

  private readonly onCompleted = (args: { jobId: string; returnvalue: unknown }): void => {
    this.settle(args.jobId, { ok: true, value: args.returnvalue });
  };

  private readonly onFailed = (args: { jobId: string; failedReason: string }): void => {
    this.settle(args.jobId, { ok: false, reason: args.failedReason });
  };

  private settle(jobId: string, outcome: JobOutcome): void {
    const waiting = this.pending.get(jobId);
    if (!waiting) return;
    this.pending.delete(jobId);
    for (const resolve of waiting) resolve(outcome);
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const jobId of [...this.pending.keys()]) await this.check(jobId);
    } finally {
      this.sweeping = false;
    }
  }

  private async check(jobId: string): Promise<void> {
    try {
      // State first: a job read before it finished would have no result yet.
      const state = await this.queue.getJobState(jobId);
      if (state === 'unknown') {
        // Retention removed it before we read it: the result is gone, not the work.
        this.settle(jobId, {
          ok: false,
          reason: `job ${jobId} was removed before its result was read; see the queue's history`,
        });
        return;
      }
      if (state !== 'completed' && state !== 'failed') return;
      const job = await Job.fromId(this.queue, jobId);
      if (!job) return;
      if (state === 'completed') this.settle(jobId, { ok: true, value: job.returnvalue });
      else this.settle(jobId, { ok: false, reason: job.failedReason });
    } catch {
      // Redis hiccup: the next sweep or the event will settle it.
    }
  }
}
