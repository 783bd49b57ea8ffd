// Listing and resolving manual conflicts across every pair: the one use case behind both
// `offer-sync conflicts list|resolve` and the console's conflicts inbox. Resolving syncs the
// kept side's entity onto the other with every field forced, at once, in-process, along the
// route from the kept connection, and only then removes the conflict: a write that fails leaves
// it open.
import { OfferSyncError } from '../../errors/index.js';
import type { Conflict, ConflictStore } from '../../store/index.js';
import {
  PLATFORMS,
  otherPlatform,
  type ConnectionName,
  type PlatformName,
} from '../../vocabulary/index.js';
import { runSync } from '../run/run-sync.js';
import type { SyncDeps } from '../run/sync-deps.js';
import type { SyncResult } from '../run/sync-result.js';

/** A pair's conflict store and which connection is on which side. */
export interface ConflictScope {
  store: ConflictStore;
  connections: Record<PlatformName, ConnectionName>;
}

/** A conflict as listed: with the connections of its pair (which names are on which side). */
export interface ListedConflict extends Conflict {
  connections: Record<PlatformName, ConnectionName>;
}

/** The sync dependencies of the route from one connection to another, if one is configured. */
export type RouteSync = (from: ConnectionName, to: ConnectionName) => SyncDeps | undefined;

export type ConflictResolveCode = 'CONFLICT_NOT_FOUND' | 'INVALID_KEEP' | 'NO_ROUTE';

/** Why a conflict could not be resolved as asked; nothing was written. */
export class ConflictResolveError extends OfferSyncError {
  override readonly name = 'ConflictResolveError';
  readonly retryable = false;

  constructor(
    readonly code: ConflictResolveCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ResolvedOutcome {
  id: string;
  /** The platform whose values were kept, and its connection. */
  platform: PlatformName;
  kept: ConnectionName;
  /** The connection written to. */
  target: ConnectionName;
  result: SyncResult;
}

/** Every open conflict of every pair, oldest first. */
export async function listConflicts(scopes: readonly ConflictScope[]): Promise<ListedConflict[]> {
  const listed: ListedConflict[] = [];
  for (const scope of scopes) {
    for (const conflict of await scope.store.list())
      listed.push({ ...conflict, connections: scope.connections });
  }
  return listed.sort((a, b) => a.detectedAt - b.detectedAt || a.id.localeCompare(b.id));
}

/** `keep` names a platform or one of the pair's connections; the platform of the side kept. */
function keptPlatform(keep: string, sides: Record<PlatformName, string>): PlatformName | undefined {
  if ((PLATFORMS as readonly string[]).includes(keep)) return keep as PlatformName;
  return PLATFORMS.find((platform) => sides[platform] === keep);
}

/** Keeps one side's values of conflict `id`; throws ConflictResolveError when it cannot. */
export async function resolveConflict(
  scopes: readonly ConflictScope[],
  routeSync: RouteSync,
  id: string,
  keep: string,
): Promise<ResolvedOutcome> {
  for (const scope of scopes) {
    const conflict = await scope.store.get(id);
    if (!conflict) continue;
    const platform = keptPlatform(keep, scope.connections);
    if (!platform) {
      throw new ConflictResolveError(
        'INVALID_KEEP',
        `--keep must name a platform or one of this conflict's connections (${scope.connections.offerit}, ${scope.connections.offerslook}), got ${JSON.stringify(keep)}`,
      );
    }
    const from = scope.connections[platform];
    const to = scope.connections[otherPlatform(platform)];
    const deps = routeSync(from, to);
    if (!deps) {
      throw new ConflictResolveError(
        'NO_ROUTE',
        `no route from ${from} to ${to} is configured: keeping ${from} would write along it`,
      );
    }
    const result = await runSync({ source: platform, key: conflict[platform], force: 'all' }, deps);
    await scope.store.resolve(id, platform);
    return { id, platform, kept: from, target: to, result };
  }
  throw new ConflictResolveError(
    'CONFLICT_NOT_FOUND',
    `no open conflict ${id} (offer-sync conflicts list shows the open ones)`,
  );
}
