// A set of compiled routes, looked up by name or by (source platform, logical kind).
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKind } from '../../vocabulary/index.js';
import type { CompiledRoute, MappingSet } from '../types.js';

export function createMappingSet(
  routes: readonly CompiledRoute[],
  warnings: readonly string[] = [],
): MappingSet {
  const byName = new Map(routes.map((route) => [route.name, route] as const));
  const byKind = new Map<string, CompiledRoute>();
  for (const route of routes) {
    const key = `${route.source.platform}:${route.kind}`;
    if (!byKind.has(key)) byKind.set(key, route);
  }
  return {
    routes: byName,
    route: (from: PlatformName, entity: EntityKind) => byKind.get(`${from}:${entity}`),
    warnings,
  };
}
