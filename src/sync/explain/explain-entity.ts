// Explains one entity from what offer-sync recorded (its links, last sync and error, conflicts,
// lock, approval) and, unless told not to, from both platforms read now (GET only): whether the
// content hashes the links stored still match both sides, and which fields the mapping loses.
import { formatEntityKey, otherPlatform, type EntityKey } from '../../vocabulary/index.js';
import type { Link } from '../../store/index.js';
import { recordHasher } from '../run/record-hash.js';
import { mapWithLinks } from '../run/resolve-links.js';
import type {
  ConflictStatus,
  EntityRef,
  EntityStatus,
  ExplainDeps,
  ExplainRoute,
  SideHashes,
  TwinStatus,
} from './explain-types.js';

/** `400`, `400/48`: the id part of a ref. */
export function refId(key: EntityKey): string {
  return key.offerId === undefined ? key.id : `${key.offerId}/${key.id}`;
}

export function formatRef(ref: EntityRef): string {
  return `${ref.connection}:${formatEntityKey(ref.key)}`;
}

/** The routes touching the connection, grouped by pair (one link store each). */
export function pairsOf(
  deps: ExplainDeps,
  connection: string,
): { pair: string; routes: ExplainRoute[] }[] {
  const pairs = new Map<string, ExplainRoute[]>();
  for (const route of deps.routes) {
    if (route.source.name !== connection && route.target.name !== connection) continue;
    pairs.set(route.pair, [...(pairs.get(route.pair) ?? []), route]);
  }
  return [...pairs.entries()].map(([pair, routes]) => ({ pair, routes }));
}

export async function explainEntity(
  ref: EntityRef,
  deps: ExplainDeps,
  options: { check: boolean },
): Promise<EntityStatus & { known: boolean }> {
  const { connection, key } = ref;
  const [activity, locked, pending, rejected] = await Promise.all([
    deps.history.activity(connection, key),
    deps.locks.get(connection, key),
    deps.pending.get(connection, key),
    deps.pending.rejection(connection, key),
  ]);
  const twins: TwinStatus[] = [];
  let conflict: ConflictStatus | null = null;
  let lossy: string[] | undefined;
  let exists: boolean | null = null;
  let read: Record<string, unknown> | null | undefined;
  for (const { pair, routes } of pairsOf(deps, connection)) {
    const first = routes[0]!;
    const platform =
      first.source.name === connection ? first.source.platform : first.target.platform;
    const sync = first.sync;
    const link = await sync.links.find(platform, key);
    if (options.check) {
      const out = routes.find((route) => route.source.name === connection);
      // One read of the entity, whatever number of pairs it is in (they share its client).
      read ??= (await sync.clients[platform].get(key)) ?? null;
      exists = read !== null;
      if (read && out && lossy === undefined) {
        const mapping = out.sync.mappings.route(platform, key.kind);
        if (mapping)
          lossy = (await mapWithLinks(mapping, read, key.offerId, out.sync)).lossy.map(
            (entry) => `${entry.field}: ${entry.reason}`,
          );
      }
      if (link) twins.push(await twinStatus(link, platform, pair, routes, read));
    } else if (link) {
      twins.push(await twinStatus(link, platform, pair, routes, undefined));
    }
    if (link && conflict === null) {
      const open = (await sync.conflicts.list()).find(
        (candidate) => formatEntityKey(candidate[platform]) === formatEntityKey(key),
      );
      if (open) conflict = { ...open, pair };
    }
  }
  const matches = twins.map((twin) => twin.hashes.match);
  const hashesMatch =
    !options.check || matches.length === 0 || matches.some((match) => match === null)
      ? null
      : matches.every(Boolean);
  const first = twins[0];
  const status: EntityStatus = {
    ref: formatRef(ref),
    connection,
    entity: key.kind,
    id: refId(key),
    twin: first ? { connection: first.connection, id: first.id } : null,
    twins,
    lastSync: activity.lastSync,
    lastError: activity.lastError,
    conflict,
    locked: locked ?? null,
    pending: pending ?? null,
    rejected: rejected ?? null,
    lossy: lossy ?? activity.lastSync?.lossy ?? [],
    hashesMatch,
    checked: options.check,
  };
  const recorded =
    twins.length > 0 ||
    activity.lastSync !== null ||
    activity.lastError !== null ||
    locked !== undefined ||
    pending !== undefined ||
    rejected !== undefined;
  return { ...status, known: recorded || exists === true };
}

/**
 * The link's two sides: stored hashes against the records read now. `entityRecord` undefined
 * means not checked; null means the entity is gone.
 */
async function twinStatus(
  link: Link,
  platform: 'offerit' | 'offerslook',
  pair: string,
  routes: readonly ExplainRoute[],
  entityRecord: Record<string, unknown> | null | undefined,
): Promise<TwinStatus> {
  const other = otherPlatform(platform);
  const sync = routes[0]!.sync;
  const connectionOf = (side: 'offerit' | 'offerslook') => {
    const route = routes[0]!;
    return route.source.platform === side ? route.source.name : route.target.name;
  };
  const twinKey = link[other].key;
  const twinRecord =
    entityRecord === undefined ? undefined : ((await sync.clients[other].get(twinKey)) ?? null);
  const hasher = recordHasher(sync.mappings);
  const side = (
    which: 'offerit' | 'offerslook',
    record: Record<string, unknown> | null | undefined,
  ): SideHashes => {
    const stored = link[which];
    const now = record ? hasher.hash(which, link.kind, record) : null;
    return {
      ref: `${connectionOf(which)}:${formatEntityKey(stored.key)}`,
      stored: stored.seenHash ?? null,
      now,
      match:
        record === undefined
          ? null
          : now !== null && (now === stored.seenHash || now === stored.writtenHash),
      unconfirmed: stored.unconfirmed === true,
      exists: record === undefined ? null : record !== null,
    };
  };
  const entity = side(platform, entityRecord);
  const twin = side(other, twinRecord);
  return {
    connection: connectionOf(other),
    id: refId(twinKey),
    ref: twin.ref,
    pair,
    routes: routes.map((route) => route.name).sort(),
    hashes: {
      entity,
      twin,
      match: entity.match === null || twin.match === null ? null : entity.match && twin.match,
    },
  };
}
