// The scheduled full reconciliation: one BullMQ job scheduler per route direction, upserted at
// start. Upserting is idempotent, so restarts and several `start` processes leave one schedule.
import type { ReconcileQueue } from '../queue/index.js';

export const RECONCILE_DIRECTIONS = [
  { from: 'offerit', to: 'offerslook' },
  { from: 'offerslook', to: 'offerit' },
] as const;

export function schedulerId(direction: { from: string; to: string }): string {
  return `reconcile:${direction.from}>${direction.to}`;
}

/** Upserts the schedulers for `cron`, or removes them when no cron is configured. */
export async function upsertReconcileSchedulers(
  queue: ReconcileQueue,
  cron: string | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  for (const direction of RECONCILE_DIRECTIONS) {
    const id = schedulerId(direction);
    if (cron === undefined) {
      await queue.removeJobScheduler(id);
      continue;
    }
    await queue.upsertJobScheduler(
      id,
      { pattern: cron },
      {
        name: `${direction.from}>${direction.to}`,
        data: { ...direction, entity: 'all', dryRun: false, reason: 'schedule' },
      },
    );
    ids.push(id);
  }
  return ids;
}
