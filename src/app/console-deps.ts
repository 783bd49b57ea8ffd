// What the console is given, from the app: the same run store, conflicts use case and dead-letter
// replay the CLI commands use, the pairs' stores for the entity page, and the operator actions
// (approve, reject, lock, unlock) and explanation `offer-sync status --no-check` / `history` use.
import { entityStatus, type ConsoleDeps, type EntityPair } from '../ingress/console/index.js';
import { createDeadLetters } from '../queue/index.js';
import { listConflicts, resolveConflict } from '../sync/conflicts/index.js';
import { entityHistory, explainEntity } from '../sync/explain/index.js';
import type { App } from './app.js';
import { conflictScopes, routeSyncOf } from './conflict-scopes.js';
import { explainDepsOf } from './explainer.js';
import {
  approveOffer,
  listLocks,
  listPending,
  lockEntity,
  rejectOffer,
  unlockEntity,
} from './operator-actions.js';
import type { PairStores } from './routes.js';

export function consoleDeps(app: App): ConsoleDeps {
  const scopes = conflictScopes(app);
  const deadLetters = createDeadLetters(app.queues, app.now);
  const pairs = new Map<string, PairStores>();
  for (const route of app.routes) pairs.set(route.pair.name, route.pair);
  const entityPairs: EntityPair[] = [...pairs.values()].map((pair) => ({
    name: pair.name,
    sides: { offerit: pair.sides.offerit.name, offerslook: pair.sides.offerslook.name },
    links: pair.links,
    conflicts: pair.conflicts,
  }));
  const sources = {
    platforms: Object.fromEntries(
      Object.values(app.config.connections).map((connection) => [
        connection.name,
        connection.platform,
      ]),
    ),
    pairs: entityPairs,
    routes: app.routes.map((route) => ({
      name: route.config.name,
      source: route.source.name,
      target: route.target.name,
    })),
    deadLetters,
  };
  const connections = Object.keys(app.config.connections);
  const explainDeps = explainDepsOf(app);
  return {
    runs: app.runs,
    conflicts: {
      list: () => listConflicts(scopes),
      resolve: (id, keep) => resolveConflict(scopes, routeSyncOf(app), id, keep),
    },
    deadLetters,
    entities: {
      connections,
      status: (connection, key) => entityStatus(sources, connection, key),
      explain: async (ref) => {
        const { known: _known, ...status } = await explainEntity(ref, explainDeps, {
          check: false,
        });
        return status;
      },
      history: (ref) => entityHistory(ref, explainDeps),
    },
    pending: {
      list: () => listPending(app, connections),
      approve: (ref) => approveOffer(app, ref),
      reject: (ref) => rejectOffer(app, ref),
    },
    locks: {
      list: () => listLocks(app, connections),
      lock: (ref, reason) => lockEntity(app, ref, reason),
      unlock: (ref) => unlockEntity(app, ref),
    },
  };
}
