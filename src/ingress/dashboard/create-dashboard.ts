// Builds Bull Board for our queues. The result is bull-board's Fastify adapter; mounting it (and
// putting basic auth in front) is the server's job.
import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import { RedactingBullMQAdapter, type RedactingAdapterOptions } from './redacting-adapter.js';

export interface DashboardOptions {
  queues: readonly Queue[];
  /** From DASHBOARD_READ_ONLY: viewers see jobs but cannot retry, remove or edit them. */
  readOnly: boolean;
  /** URL path the board is mounted at. @defaultValue '/admin/queues' */
  basePath?: string;
  /** Link each job to its page in the console (consoleJobUrl); no links when absent. */
  externalJobUrl?: RedactingAdapterOptions['externalJobUrl'];
}

export const DEFAULT_DASHBOARD_PATH = '/admin/queues';

export function createDashboard(options: DashboardOptions): FastifyAdapter {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(options.basePath ?? DEFAULT_DASHBOARD_PATH);
  createBullBoard({
    queues: options.queues.map(
      (queue) =>
        new RedactingBullMQAdapter(queue, {
          readOnly: options.readOnly,
          ...(options.externalJobUrl ? { externalJobUrl: options.externalJobUrl } : {}),
        }),
    ),
    // @bull-board/fastify 9.10.1 ships its own copy of @bull-board/api 9.10.1, whose BaseAdapter
    // type differs from 9.10.2's only by declaration identity; at run time it merely stores the
    // queue map createBullBoard hands it.
    serverAdapter: serverAdapter as unknown as IServerAdapter,
    options: { uiConfig: { boardTitle: 'offer-sync' } },
  });
  return serverAdapter;
}
