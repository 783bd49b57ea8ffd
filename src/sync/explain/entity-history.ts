// `offer-sync history <ref>`: every write offer-sync made to this entity's twins (recorded on
// this entity, the source of those writes) and to this entity (recorded on its twins, the
// sources of the reverse route), newest first. Each entry names its route and the entity written.
import type { HistoryEntry } from '../../store/index.js';
import { formatRef, pairsOf } from './explain-entity.js';
import type { EntityHistory, EntityRef, ExplainDeps } from './explain-types.js';

export async function entityHistory(ref: EntityRef, deps: ExplainDeps): Promise<EntityHistory> {
  const lists: HistoryEntry[][] = [await deps.history.list(ref.connection, ref.key)];
  for (const { routes } of pairsOf(deps, ref.connection)) {
    const first = routes[0]!;
    const mine = first.source.name === ref.connection ? first.source : first.target;
    const other = first.source.name === ref.connection ? first.target : first.source;
    const link = await first.sync.links.find(mine.platform, ref.key);
    if (link) lists.push(await deps.history.list(other.name, link[other.platform].key));
  }
  const entries = lists.flat().sort((a, b) => b.at.localeCompare(a.at));
  return { ref: formatRef(ref), entries };
}
