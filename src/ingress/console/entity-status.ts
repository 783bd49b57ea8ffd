// What the console's entity page shows of one entity: per pair its connection is part of, the
// link to its twin (both sides' last sync, hashes and the managed values as last synced), the
// open conflicts naming it, and the dead letters of syncs from it or into it. Read from the
// stores only: looking an entity up costs no platform request.
import { OfferSyncError } from '../../errors/index.js';
import type { DeadLetterEntry } from '../../queue/dead-letter/dead-letter.js';
import type { DeadLetters } from '../../queue/dead-letter/dead-letters.js';
import type { ConflictStore, LinkSide, LinkStore } from '../../store/index.js';
import type { ListedConflict } from '../../sync/conflicts/index.js';
import {
  formatEntityKey,
  otherPlatform,
  type ConnectionName,
  type EntityKey,
  type PlatformName,
} from '../../vocabulary/index.js';

/** One pair of connections as the entity page reads it. */
export interface EntityPair {
  name: string;
  sides: Readonly<Record<PlatformName, ConnectionName>>;
  links: Pick<LinkStore, 'find'>;
  conflicts: Pick<ConflictStore, 'list'>;
}

export interface EntityRoute {
  name: string;
  source: ConnectionName;
  target: ConnectionName;
}

export interface EntityPairStatus {
  pair: string;
  /** The connection on the other side of the pair. */
  other: ConnectionName;
  /** The configured routes between the two, by name (`main->partner-a`). */
  routes: string[];
  /** Absent when the entity has no twin in this pair (yet). */
  link?: { version: number; self: LinkSide; twin: LinkSide };
}

export interface EntityStatus {
  connection: ConnectionName;
  platform: PlatformName;
  key: EntityKey;
  pairs: EntityPairStatus[];
  conflicts: ListedConflict[];
  deadLetters: DeadLetterEntry[];
}

export interface EntityStatusSources {
  platforms: Readonly<Record<ConnectionName, PlatformName>>;
  pairs: readonly EntityPair[];
  routes: readonly EntityRoute[];
  deadLetters: Pick<DeadLetters, 'list'>;
}

export class UnknownConnectionError extends OfferSyncError {
  override readonly name = 'UnknownConnectionError';
  readonly code = 'UNKNOWN_CONNECTION';
  readonly retryable = false;
}

export async function entityStatus(
  sources: EntityStatusSources,
  connection: ConnectionName,
  key: EntityKey,
): Promise<EntityStatus> {
  const platform = sources.platforms[connection];
  if (!platform) {
    throw new UnknownConnectionError(
      `no connection named ${JSON.stringify(connection)}; configured: ${Object.keys(sources.platforms).join(', ')}`,
    );
  }
  const wanted = formatEntityKey(key);
  const pairs: EntityPairStatus[] = [];
  const conflicts: ListedConflict[] = [];
  /** `<connection> <entity key>`: this entity and its twins, whose syncs write here. */
  const related = new Set([`${connection} ${wanted}`]);
  for (const pair of sources.pairs) {
    if (pair.sides[platform] !== connection) continue;
    const other = pair.sides[otherPlatform(platform)];
    const link = await pair.links.find(platform, key);
    const routes = sources.routes
      .filter(
        (route) =>
          (route.source === connection && route.target === other) ||
          (route.source === other && route.target === connection),
      )
      .map((route) => route.name);
    if (link) {
      const twin = link[otherPlatform(platform)];
      related.add(`${other} ${formatEntityKey(twin.key)}`);
      pairs.push({
        pair: pair.name,
        other,
        routes,
        link: { version: link.version, self: link[platform], twin },
      });
    } else {
      pairs.push({ pair: pair.name, other, routes });
    }
    for (const conflict of await pair.conflicts.list()) {
      if (formatEntityKey(conflict[platform]) === wanted)
        conflicts.push({ ...conflict, connections: { ...pair.sides } });
    }
  }
  const deadLetters = (await sources.deadLetters.list()).filter((letter) => {
    const source = letterSource(letter);
    return source !== undefined && related.has(source);
  });
  return { connection, platform, key, pairs, conflicts, deadLetters };
}

/** `<connection> <entity key>` of the entity a dead letter's job synced from, when readable. */
export function letterSource(letter: DeadLetterEntry): string | undefined {
  const key = letterEntity(letter);
  return key && `${key.connection} ${formatEntityKey(key.key)}`;
}

/** The connection and entity a dead letter's payload synced from, when it is readable. */
export function letterEntity(
  letter: DeadLetterEntry,
): { connection: ConnectionName; key: EntityKey } | undefined {
  const payload = letter.payload as Record<string, unknown> | null;
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { source, kind, id, offerId } = payload;
  if (typeof source !== 'string' || typeof kind !== 'string' || typeof id !== 'string')
    return undefined;
  if (kind !== 'offer' && kind !== 'goal' && kind !== 'commission') return undefined;
  const key: EntityKey = { kind, id };
  if (typeof offerId === 'string') key.offerId = offerId;
  return { connection: source, key };
}
