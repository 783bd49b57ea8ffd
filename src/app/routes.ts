// What each configured route needs to sync: the pair's stores (under the pair's hash tag, shared
// by its two directions), both connections' clients by platform, and the route's mappings cut
// down to the entity kinds it syncs.
import type { Config, ConnectionConfig, RouteConfig, RouteEntity } from '../config/index.js';
import { sidesOf } from '../config/index.js';
import { loadMappings, type MappingSet } from '../mapping/index.js';
import type { PlatformClient } from '../platforms/platform-client.js';
import type { KeyLayout } from '../redis/key-layout.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import {
  RedisConflictStore,
  RedisLinkStore,
  RedisObservationStore,
  RedisWriteIntentStore,
  RetiredTwins,
  type ConflictStore,
  type LinkStore,
  type ObservationStore,
  type WriteIntentStore,
} from '../store/index.js';
import type { SyncDeps } from '../sync/run/index.js';
import type { ConnectionName, PlatformName } from '../vocabulary/index.js';
import type { OperatorStores } from './operator-stores.js';

/** The stores of one pair of connections (an Offerit and an Offerslook one). */
export interface PairStores {
  /** `main+partner-a`: the pair's name in its hash tag. */
  readonly name: string;
  /** The pair's hash-tagged key prefix. */
  readonly prefix: string;
  readonly sides: Readonly<Record<PlatformName, ConnectionConfig>>;
  readonly links: LinkStore;
  readonly intents: WriteIntentStore;
  readonly conflicts: ConflictStore;
  readonly observations: ObservationStore;
  readonly retired: RetiredTwins;
}

export interface AppRoute {
  readonly config: RouteConfig;
  readonly source: ConnectionConfig;
  readonly target: ConnectionConfig;
  readonly pair: PairStores;
  /** What a sync along this route needs (clients by platform: the pair's two). */
  readonly sync: SyncDeps;
}

export interface RouteParts {
  config: Config;
  redis: RedisConnection;
  layout: KeyLayout;
  clients: Readonly<Record<ConnectionName, PlatformClient>>;
  /** Locks, pending offers and history: what each route's syncs check and record. */
  operator: OperatorStores;
  now: () => Date;
}

/** The pair's name: its Offerit side, then its Offerslook side. */
export function pairName(sides: Readonly<Record<PlatformName, ConnectionConfig>>): string {
  return `${sides.offerit.name}+${sides.offerslook.name}`;
}

/** The pair named after the platforms themselves: what a deployment without a config file has. */
const PLATFORM_PAIR = 'offerit+offerslook';

export async function buildRoutes(parts: RouteParts): Promise<AppRoute[]> {
  const { config, clients } = parts;
  // First every pair, so each route knows the other pairs its target connection is part of.
  const pairs = new Map<string, PairStores>();
  for (const route of config.routes) {
    const sides = sidesOf(route, config.connections);
    const name = pairName(sides);
    if (!pairs.has(name)) pairs.set(name, pairStores(name, sides, parts));
  }
  const mappingSets = new Map<string, Promise<MappingSet>>();
  const routes: AppRoute[] = [];
  for (const route of config.routes) {
    const sides = sidesOf(route, config.connections);
    const pair = pairs.get(pairName(sides))!;
    let loading = mappingSets.get(route.mappingsDir);
    if (!loading) {
      loading = loadMappings(route.mappingsDir);
      mappingSets.set(route.mappingsDir, loading);
    }
    const target = config.connections[route.target]!;
    routes.push({
      config: route,
      source: config.connections[route.source]!,
      target,
      pair,
      sync: {
        clients: {
          offerit: clients[sides.offerit.name]!,
          offerslook: clients[sides.offerslook.name]!,
        },
        mappings: onlyEntities(await loading, route.entities),
        links: pair.links,
        otherLinks: otherPairsOf(pair, target, pairs),
        intents: pair.intents,
        conflicts: pair.conflicts,
        observations: pair.observations,
        advertiserMap: route.advertiserMap,
        now: parts.now,
        operator: {
          connections: { offerit: sides.offerit.name, offerslook: sides.offerslook.name },
          route: route.name,
          approveNew: route.approveNew,
          ...parts.operator,
        },
      },
    });
  }
  return routes;
}

function pairStores(
  name: string,
  sides: Readonly<Record<PlatformName, ConnectionConfig>>,
  { redis, layout }: RouteParts,
): PairStores {
  const prefix = layout.pair(sides.offerit.name, sides.offerslook.name);
  return {
    name,
    prefix,
    sides,
    links: new RedisLinkStore(redis, { prefix }),
    intents: new RedisWriteIntentStore(redis, { prefix }),
    conflicts: new RedisConflictStore(redis, {
      prefix,
      ...(name === PLATFORM_PAIR ? {} : { scope: name }),
    }),
    observations: new RedisObservationStore(redis, {
      prefixes: {
        offerit: layout.connection(sides.offerit.name),
        offerslook: layout.connection(sides.offerslook.name),
      },
    }),
    retired: new RetiredTwins(redis, prefix),
  };
}

/** The link stores of the pairs other than `pair` that hold `target` on the same side. */
function otherPairsOf(
  pair: PairStores,
  target: ConnectionConfig,
  pairs: ReadonlyMap<string, PairStores>,
): LinkStore[] {
  return [...pairs.values()]
    .filter((other) => other !== pair && other.sides[target.platform].name === target.name)
    .map((other) => other.links);
}

/** The mapping set as a route sees it: kinds the route does not sync have no mapping. */
function onlyEntities(set: MappingSet, entities: readonly RouteEntity[]): MappingSet {
  return {
    ...set,
    route: (from, kind) =>
      kind === 'affiliate' || entities.includes(kind) ? set.route(from, kind) : undefined,
  };
}
