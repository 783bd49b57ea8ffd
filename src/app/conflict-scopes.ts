// Each configured pair's conflict store with its connections, and the route lookup resolving a
// conflict writes along: what the conflicts use case (CLI and console) is given.
import type { ConflictScope, RouteSync } from '../sync/conflicts/index.js';
import type { App } from './app.js';
import type { PairStores } from './routes.js';

export function conflictScopes(app: App): ConflictScope[] {
  const pairs = new Map<string, PairStores>();
  for (const route of app.routes) pairs.set(route.pair.name, route.pair);
  return [...pairs.values()].map((pair) => ({
    store: pair.conflicts,
    connections: { offerit: pair.sides.offerit.name, offerslook: pair.sides.offerslook.name },
  }));
}

export function routeSyncOf(app: App): RouteSync {
  return (from, to) => app.route(from, to)?.sync;
}
