// `offer-sync sync --inline`: one entity synced along every route out of its connection in this
// process, with exactly what a worker would use (the route's sync dependencies from the app, so
// the same clients behind the same Redis limiter, the same stores and mappings). Nothing is
// queued, so a failure is not retried or dead-lettered: it is reported to the person who asked.
import { failureReason } from '../errors/index.js';
import { runSync, type SyncResult } from '../sync/run/index.js';
import type { ConnectionName, EntityKey } from '../vocabulary/index.js';
import type { App } from './app.js';

export type InlineOutcome =
  | { route: string; target: ConnectionName; ok: true; result: SyncResult }
  | { route: string; target: ConnectionName; ok: false; reason: string };

export async function syncInline(
  app: App,
  source: ConnectionName,
  key: EntityKey,
): Promise<InlineOutcome[]> {
  const outcomes: InlineOutcome[] = [];
  for (const route of app.routesFrom(source)) {
    const target = route.target.name;
    // The worker of `target`'s queue would take this route's part from here, too.
    const part = app.syncWorkerDeps(target).routeFrom(source);
    if (!part) continue;
    try {
      const result = await runSync({ source: part.sourcePlatform, key }, part.deps);
      outcomes.push({ route: route.config.name, target, ok: true, result });
    } catch (error) {
      outcomes.push({ route: route.config.name, target, ok: false, reason: failureReason(error) });
    }
  }
  return outcomes;
}
