// A BullMQAdapter whose every view of job contents passes through the redaction: job data and
// return values (bull-board's formatters), each job's failure reason, stack trace and options
// (bull-board shows `job.toJSON()` raw, so the jobs it reads are handed over with a redacting
// `toJSON`), job logs, and job scheduler templates (not formatted upstream).
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Job, Queue } from 'bullmq';
import { redactSecrets, redactText } from './redact-secrets.js';

export interface RedactingAdapterOptions {
  /** Hides retry, clean, pause, add and edit actions. */
  readOnly: boolean;
  description?: string;
  /** Each job's link out of Bull Board (the console's page of its entity or run). */
  externalJobUrl?: (job: {
    data?: unknown;
    returnvalue?: unknown;
  }) => { href: string; displayText?: string } | undefined;
}

export class RedactingBullMQAdapter extends BullMQAdapter {
  constructor(queue: Queue, options: RedactingAdapterOptions) {
    super(queue, {
      readOnlyMode: options.readOnly,
      description:
        options.description ?? 'Job data shows references only; secret-named fields are redacted.',
      // bull-board types the link as always present, but it shows one only when the function
      // returns one (handlers/queues.js, ui: `t.externalUrl && <a ...>`).
      ...(options.externalJobUrl
        ? { externalJobUrl: options.externalJobUrl as (job: unknown) => { href: string } }
        : {}),
    });
    this.setFormatter('data', redactSecrets);
    this.setFormatter('returnValue', redactSecrets);
  }

  override async getJob(id: string): ReturnType<BullMQAdapter['getJob']> {
    const job = await super.getJob(id);
    return job && redactingView(job);
  }

  override async getJobs(
    ...args: Parameters<BullMQAdapter['getJobs']>
  ): ReturnType<BullMQAdapter['getJobs']> {
    return (await super.getJobs(...args)).map(redactingView);
  }

  override async getJobLogs(id: string): Promise<string[]> {
    return (await super.getJobLogs(id)).map((line) => redactText(line));
  }

  override async getJobSchedulers(): ReturnType<BullMQAdapter['getJobSchedulers']> {
    const schedulers = await super.getJobSchedulers();
    return schedulers.map((scheduler) =>
      scheduler.template
        ? {
            ...scheduler,
            template: { ...scheduler.template, data: redactSecrets(scheduler.template.data) },
          }
        : scheduler,
    );
  }
}

/**
 * The job itself for everything bull-board does with it (retry, remove and promote run on the
 * real job), except `toJSON`, what it shows, which comes back redacted.
 */
function redactingView(job: Job): Job {
  return new Proxy(job, {
    get(target, property) {
      if (property === 'toJSON') {
        return () => {
          const json = target.toJSON();
          return {
            ...json,
            failedReason:
              typeof json.failedReason === 'string'
                ? redactText(json.failedReason)
                : json.failedReason,
            stacktrace: Array.isArray(json.stacktrace)
              ? json.stacktrace.map((frame) =>
                  typeof frame === 'string' ? redactText(frame) : frame,
                )
              : json.stacktrace,
            opts: redactSecrets(json.opts) as typeof json.opts,
          };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
