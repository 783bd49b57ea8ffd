// A BullMQAdapter whose every view of job contents passes through redactSecrets: job data and
// return values (via bull-board's formatters) and job scheduler templates (not formatted upstream).
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Queue } from 'bullmq';
import { redactSecrets } from './redact-secrets.js';

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
