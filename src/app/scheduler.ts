// The scheduled full reconciliation: one BullMQ job scheduler per route, upserted at start.
// Upserting is idempotent, so restarts and several `start` processes leave one schedule; a
// scheduler of a route no longer configured is removed.
import type { App } from './app.js';

const PREFIX = 'reconcile:';

export function schedulerId(route: { source: string; target: string }): string {
  return `${PREFIX}${route.source}>${route.target}`;
}

/** Upserts the schedulers for `cron` (removing any other of ours), or removes all when no cron. */
export async function upsertReconcileSchedulers(
  app: App,
  cron: string | undefined,
): Promise<string[]> {
  const queue = app.queues.reconcile;
  const wanted = cron === undefined ? [] : app.routes.map((route) => route.config);
  const ids = wanted.map(schedulerId);
  for (const existing of await queue.getJobSchedulers(0, -1)) {
    const id = existing.key;
    if (id.startsWith(PREFIX) && !ids.includes(id)) await queue.removeJobScheduler(id);
  }
  for (const route of wanted) {
    await queue.upsertJobScheduler(
      schedulerId(route),
      { pattern: cron! },
      {
        name: `${route.source}>${route.target}`,
        data: {
          from: route.source,
          to: route.target,
          entity: 'all',
          dryRun: false,
          reason: 'schedule',
        },
      },
    );
  }
  return ids;
}
