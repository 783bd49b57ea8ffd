// A BullMQAdapter whose every view of job contents passes through redactSecrets: job data and
// return values (via bull-board's formatters) and job scheduler templates (not formatted upstream).
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Queue } from 'bullmq';
import { redactSecrets } from './redact-secrets.js';

export interface RedactingAdapterOptions {
  /** Hides retry, clean, pause, add and edit actions. */
  readOnly: boolean;
  description?: string;
}

export class RedactingBullMQAdapter extends BullMQAdapter {
  constructor(queue: Queue, options: RedactingAdapterOptions) {
    super(queue, {
      readOnlyMode: options.readOnly,
      description:
        options.description ?? 'Job data shows references only; secret-named fields are redacted.',
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
