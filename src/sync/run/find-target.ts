// The twin of a source entity on the target, as it stands now: through the stored link, or,
// when no link is stored or the linked twin vanished, by looking for one (find-twin.ts).
import type { CompiledRoute } from '../../mapping/index.js';
import type { EntityKey, PlatformRecord } from '../../vocabulary/index.js';
import type { Link } from '../../store/index.js';
import { findTwin } from './find-twin.js';
import type { SyncDeps } from './sync-deps.js';

export interface FoundTarget {
  /** The stored link, unless its twin is gone and none was found in its place. */
  link: Link | undefined;
  key: EntityKey | undefined;
  record: PlatformRecord | undefined;
}

export async function findTarget(
  route: CompiledRoute,
  mapped: PlatformRecord,
  key: EntityKey,
  link: Link | undefined,
  targetOfferId: string | undefined,
  deps: SyncDeps,
): Promise<FoundTarget> {
  const target = route.target.platform;
  const linkedKey = link?.[target].key;
  const linked = linkedKey ? await deps.clients[target].get(linkedKey) : undefined;
  if (linked) return { link, key: linkedKey, record: linked };
  // No twin known (or the linked one vanished): one may exist all the same.
  const twin = await findTwin(route, mapped, key, targetOfferId, deps);
  if (twin) return { link, key: twin.key, record: twin.record };
  return { link: undefined, key: linkedKey, record: undefined };
}
