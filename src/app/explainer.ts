// What `offer-sync status`/`history` and `GET /entities/...` read, from the composition root's
// routes and operator stores.
import type { EntitiesPort } from '../ingress/index.js';
import { entityHistory, explainEntity, type ExplainDeps } from '../sync/explain/index.js';
import type { App } from './app.js';

export function explainDepsOf(app: Pick<App, 'routes' | 'operator'>): ExplainDeps {
  return {
    routes: app.routes.map((route) => ({
      name: route.config.name,
      source: { name: route.source.name, platform: route.source.platform },
      target: { name: route.target.name, platform: route.target.platform },
      pair: route.pair.name,
      sync: route.sync,
    })),
    history: app.operator.history,
    locks: app.operator.locks,
    pending: app.operator.pending,
  };
}

/** The entity routes' view of the application. */
export function entitiesPortOf(app: Pick<App, 'routes' | 'operator' | 'config'>): EntitiesPort {
  const deps = explainDepsOf(app);
  return {
    connections: Object.keys(app.config.connections),
    explain: (ref, options) => explainEntity(ref, deps, options),
    history: (ref) => entityHistory(ref, deps),
  };
}
