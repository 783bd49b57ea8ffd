// The link to store after a sync ran its plan: pure, so the bookkeeping that makes echo
// suppression and conflict detection work lives next to the planner that relies on it.
import type { EntityKey, EntityKind } from '../../vocabulary/index.js';
import type { Link, LinkSide } from '../../store/links/link.js';
import type { Direction, Plan } from './types.js';

export interface SyncOutcome {
  kind: EntityKind;
  direction: Direction;
  /** The link the plan was made with, if any. */
  link?: Link;
  plan: Plan;
  sourceKey: EntityKey;
  /** The twin's key: the new one after a create. */
  targetKey: EntityKey;
  sourceHash: string;
  sourceUpdatedAt?: number;
  /**
   * The target's hash as it stands now: of the record a write's answers gave back, or the hash
   * read before the plan when nothing was written. Leave it out when a write's answers did not
   * carry the record: the side is then marked `unconfirmed` and settled by its next read.
   */
  targetHash?: string;
  targetUpdatedAt?: number;
  /** Epoch milliseconds. */
  now: number;
}

/**
 * Source side: seen as read now. Target side: the plan's baseline, and the hash after our
 * write as `writtenHash` (the echo marker). A manual conflict keeps both sides' last-seen
 * hashes, so a field without a baseline is found in conflict again until it is resolved.
 */
export function linkAfterSync(outcome: SyncOutcome): Link {
  const { direction, link, plan, now } = outcome;
  const conflict = plan.action === 'conflict';
  const wrote =
    plan.action === 'create' ||
    plan.action === 'update' ||
    (conflict && Object.keys(plan.changes).length > 0);

  const previousSource = link?.[direction.from];
  const source: LinkSide = {
    ...previousSource,
    key: outcome.sourceKey,
    seenHash: conflict ? previousSource?.seenHash : outcome.sourceHash,
    updatedAt: outcome.sourceUpdatedAt ?? previousSource?.updatedAt,
    syncedAt: now,
    // Echo suppression holds only until the side is seen with other content.
    writtenHash:
      previousSource?.writtenHash === outcome.sourceHash ? previousSource.writtenHash : undefined,
  };

  const previousTarget = plan.action === 'create' ? undefined : link?.[direction.to];
  const target: LinkSide = {
    ...previousTarget,
    key: outcome.targetKey,
    written:
      'written' in plan && plan.written !== undefined ? plan.written : previousTarget?.written,
    updatedAt: outcome.targetUpdatedAt ?? previousTarget?.updatedAt,
    syncedAt: now,
  };
  delete target.unconfirmed;
  if (wrote) {
    target.writtenHash = outcome.targetHash;
    target.seenHash = conflict ? previousTarget?.seenHash : outcome.targetHash;
    // Written without an answer that carries the record: the next read settles it.
    if (outcome.targetHash === undefined) target.unconfirmed = true;
  } else {
    target.seenHash = conflict
      ? previousTarget?.seenHash
      : (outcome.targetHash ?? previousTarget?.seenHash);
    const stillOurs =
      outcome.targetHash === undefined || outcome.targetHash === previousTarget?.writtenHash;
    target.writtenHash = stillOurs ? previousTarget?.writtenHash : undefined;
  }

  const sides = { [direction.from]: compact(source), [direction.to]: compact(target) } as Pick<
    Link,
    'offerit' | 'offerslook'
  >;
  return { kind: outcome.kind, ...sides, version: link?.version ?? 0 };
}

/** Drops `undefined` properties so stored links and test expectations stay tidy. */
function compact(side: LinkSide): LinkSide {
  return Object.fromEntries(
    Object.entries(side).filter(([, value]) => value !== undefined),
  ) as unknown as LinkSide;
}
