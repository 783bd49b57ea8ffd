// Before creating anything, look for a twin that already exists on the target: one our own
// crashed attempt created (the write intent says so), or one a person keyed in by hand. A
// candidate matches when every key field of the route's target equals the mapped value, and
// nobody else's link holds it: not another entity's of this pair, nor any link of another pair
// sharing the target connection (it is another network's twin). This is what makes creates
// idempotent: never two twins.
import type { CompiledRoute } from '../../mapping/index.js';
import type { EntityKey, PlatformName, PlatformRecord } from '../../vocabulary/index.js';
import { defaultEquals, getPath } from '../plan/index.js';
import type { SyncDeps } from './sync-deps.js';

export async function findTwin(
  route: CompiledRoute,
  mapped: PlatformRecord,
  sourceKey: EntityKey,
  targetOfferId: string | undefined,
  deps: SyncDeps,
): Promise<{ key: EntityKey; record: PlatformRecord } | undefined> {
  const to = route.target.platform;
  const client = deps.clients[to];
  const keyFields = route.target.key.filter((field) => getPath(mapped, field) !== undefined);
  // Part of a key identifies nothing: a goal's offer_id alone matches every event of that offer.
  if (keyFields.length === 0 || keyFields.length < route.target.key.length) return undefined;
  const match = Object.fromEntries(keyFields.map((field) => [field, getPath(mapped, field)]));
  const options = targetOfferId === undefined ? {} : { offerId: targetOfferId };
  const candidates = client.search
    ? client.search(route.kind, match, options)
    : client.list(route.kind, options);
  for await (const candidate of candidates) {
    if (!keyFields.every((field) => defaultEquals(field, getPath(candidate, field), match[field])))
      continue;
    const key = client.keyOf(route.kind, candidate);
    const holder = await deps.links.find(to, key);
    const heldByOther =
      holder !== undefined && holder[route.source.platform].key.id !== sourceKey.id;
    if (heldByOther || (await heldByAnotherPair(to, key, deps))) continue;
    return { key, record: candidate };
  }
  return undefined;
}

async function heldByAnotherPair(
  platform: PlatformName,
  key: EntityKey,
  deps: SyncDeps,
): Promise<boolean> {
  for (const links of deps.otherLinks ?? []) {
    if (await links.find(platform, key)) return true;
  }
  return false;
}
