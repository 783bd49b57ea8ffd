// One sync, step by step: read the source (or take the record a reconcile page just read) -> map
// it -> find its twin and read it -> settle and observe both sides -> plan the minimal write ->
// write -> record the link, both sides' content hashes and the write intent's end. An unchanged
// entity costs zero platform writes; a dry run costs no write at all.
import type { PlatformName } from '../../vocabulary/index.js';
import type { CompiledRoute } from '../../mapping/index.js';
import { formatEntityKey, type EntityKey, type PlatformRecord } from '../../vocabulary/index.js';
import type { Link } from '../../store/index.js';
import { otherPlatform } from '../../vocabulary/index.js';
import { linkAfterSync, plan, type Plan } from '../plan/index.js';
import { editTimesByTarget, sideTimes } from './edit-times.js';
import { executePlan } from './execute-plan.js';
import { findTarget } from './find-target.js';
import { observedRead } from './observe-read.js';
import { overlay } from './overlay.js';
import { recordHasher, updatedAtOf } from './record-hash.js';
import { refreshSide } from './refresh-side.js';
import {
  decisionOn,
  holdsNewOffers,
  lockedReason,
  lockOn,
  pendingSummary,
  recordOutcome,
} from './operator-controls.js';
import { mapWithLinks } from './resolve-links.js';
import type { SyncDeps } from './sync-deps.js';
import { syncEquals } from './sync-equals.js';
import { MappingRejectedError, ParentNotLinkedError } from './sync-errors.js';
import { newestWinsWarnings, plannedChanges } from './sync-report.js';
import type { SyncResult } from './sync-result.js';

export interface SyncRequest {
  source: PlatformName;
  key: EntityKey;
  /** Plan only: no platform write, no link saved. */
  dryRun?: boolean;
  /** Source values win on every `always` field (how `conflicts resolve --keep` is applied). */
  force?: 'all';
  /**
   * The source record as the caller has just read it (a reconcile page): then it is not read
   * again, unless a sync read the source after it (`sourceReadAt`), which makes it stale.
   * Webhook and CLI syncs leave it out and read the source fresh.
   */
  sourceRecord?: PlatformRecord;
  /** When `sourceRecord` was read, epoch milliseconds. */
  sourceReadAt?: number;
  /** The sync job running this, for the entity's history and status. */
  jobId?: string;
}

/** One sync, and (unless a dry run) its outcome recorded for `offer-sync status` and `history`. */
export async function runSync(request: SyncRequest, deps: SyncDeps): Promise<SyncResult> {
  const result = await syncOnce(request, deps);
  if (!request.dryRun && deps.operator)
    await recordOutcome(
      deps.operator,
      result,
      request.source,
      request.key,
      request.jobId,
      deps.now(),
    );
  return result;
}

async function syncOnce(request: SyncRequest, deps: SyncDeps): Promise<SyncResult> {
  const { source, key } = request;
  const target = otherPlatform(source);
  const route = deps.mappings.route(source, key.kind);
  const base = {
    entity: key.kind,
    source,
    sourceId: formatEntityKey(key),
    target,
    changes: {},
    warnings: [] as string[],
    dryRun: request.dryRun === true,
    writes: 0,
  };
  if (!route) {
    const reason = `no mapping route from ${source} for ${key.kind}`;
    return { ...base, route: `${source}.${key.kind}`, action: 'skip', reason };
  }
  // A locked entity is never written, by any route: checked before anything is read.
  const sourceLock = await lockOn(deps.operator, source, key);
  if (sourceLock)
    return { ...base, route: route.name, action: 'locked', reason: lockedReason(sourceLock) };
  const storedLink = await deps.links.find(source, key);
  const sourceRecord = handedOver(request, storedLink) ?? (await deps.clients[source].get(key));
  if (!sourceRecord) {
    const reason = 'the source entity no longer exists';
    return { ...base, route: route.name, action: 'skip', reason };
  }

  // A goal or commission of an offer held back for approval waits with it, not in retries.
  const heldWithParent = await heldParent(source, key, deps);
  if (heldWithParent) return { ...base, route: route.name, ...heldWithParent };
  const mapped = await mapWithLinks(route, sourceRecord, key.offerId, deps);
  const warnings = mapped.lossy.map((lossy) => `lossy ${lossy.field}: ${lossy.reason}`);
  const noTwin = mapped.issues.find((issue) => issue.code === 'NO_TWIN');
  if (noTwin)
    return { ...base, route: route.name, warnings, action: 'skip', reason: noTwin.message };
  // Before the mapping's issues: a goal or commission whose offer has no twin yet has its offer
  // link unresolved, which only needs the offer's sync (a retry), not a fix (a dead letter).
  const targetOfferId = await parentTwinId(route, key, deps);
  if (mapped.issues.length > 0) throw new MappingRejectedError(route.name, mapped.issues);

  const found = await findTarget(route, mapped.value, key, storedLink, targetOfferId, deps);
  const twinLock = found.key ? await lockOn(deps.operator, target, found.key) : undefined;
  if (twinLock && found.key) {
    const targetId = formatEntityKey(found.key);
    return {
      ...base,
      route: route.name,
      warnings,
      targetId,
      action: 'locked',
      reason: lockedReason(twinLock),
    };
  }
  const hasher = recordHasher(deps.mappings);
  const sourceHash = hasher.hash(source, key.kind, sourceRecord);
  const targetHash = found.record ? hasher.hash(target, key.kind, found.record) : undefined;
  let link = found.link;
  if (link) link = refreshSide(link, source, sourceRecord, sourceHash, syncEquals).link;
  if (link && found.record && targetHash !== undefined)
    link = refreshSide(link, target, found.record, targetHash, syncEquals).link;

  const now = deps.now().getTime();
  const [sourceSeen, targetSeen] = await Promise.all([
    deps.observations.observe(
      source,
      key.kind,
      [observedRead(hasher, source, key, sourceRecord, link, now)],
      now,
    ),
    found.record && found.key
      ? deps.observations.observe(
          target,
          key.kind,
          [observedRead(hasher, target, found.key, found.record, link, now)],
          now,
        )
      : Promise.resolve([]),
  ]);
  const edits = found.record
    ? editTimesByTarget(
        route.fields,
        sideTimes(sourceRecord, sourceSeen[0]),
        sideTimes(found.record, targetSeen[0]),
      )
    : {};
  const decided = plan({
    kind: key.kind,
    direction: { from: source, to: target },
    mapped: mapped.value,
    fields: route.fields,
    conflictPolicy: route.conflictPolicy,
    ...(found.record ? { target: found.record, targetHash } : {}),
    ...(link ? { link } : {}),
    sourceHash,
    ...edits,
    equals: syncEquals,
    ...(request.force ? { force: request.force } : {}),
  });
  const result: SyncResult = {
    ...base,
    route: route.name,
    warnings: [...warnings, ...newestWinsWarnings(decided, source, target)],
    action: decided.action,
    changes: plannedChanges(decided),
    ...(found.key ? { targetId: formatEntityKey(found.key) } : {}),
  };
  if (decided.action === 'create' && !storedLink && holdsNewOffers(deps.operator, key)) {
    const held = await holdBack(source, key, sourceRecord, request.dryRun === true, deps);
    if (held) return { ...result, changes: {}, ...held };
  }
  if (request.dryRun) return result;

  const context = { route, key, target, targetOfferId, deps };
  const executed = await executePlan(decided, {
    ...context,
    targetKey: found.key,
    targetRecord: found.record,
  });
  const finalKey = executed.targetKey ?? found.key;
  if (!finalKey) return result;
  // After a write, only the answer's record tells the twin's hash; without one it stays unknown
  // (the link side is then `unconfirmed` until its next read).
  const finalRecord = executed.writes > 0 ? executed.record : (executed.record ?? found.record);
  const finalHash = finalRecord ? hasher.hash(target, key.kind, finalRecord) : undefined;
  const saved = linkAfterSync({
    kind: key.kind,
    direction: { from: source, to: target },
    ...(link ? { link } : {}),
    plan: decided,
    sourceKey: key,
    targetKey: finalKey,
    sourceHash,
    ...optional('sourceUpdatedAt', updatedAtOf(sourceRecord)),
    ...optional('targetHash', finalHash),
    ...optional('targetUpdatedAt', finalRecord ? updatedAtOf(finalRecord) : undefined),
    now: deps.now().getTime(),
  });
  // The read-back is our echo only if it holds nothing but what the source has. When the target
  // kept values of its own (a local edit, an owner's or the newer value, a manual conflict),
  // marking it ours would make the reverse sync skip it as an echo and those values would never
  // reach the source (nor could `conflicts resolve --keep` apply them).
  if (keptTargetValues(decided)) {
    delete saved[target].writtenHash;
    delete saved[target].unconfirmed;
  }
  await deps.links.save(saved);
  if (executed.writes > 0)
    await observeWritten(decided, finalKey, finalRecord, found.record, context);
  if (decided.action === 'create') await deps.intents.complete(route.name, key);
  if (decided.action === 'conflict') {
    const conflict = await deps.conflicts.record({
      kind: key.kind,
      offerit: source === 'offerit' ? key : finalKey,
      offerslook: source === 'offerslook' ? key : finalKey,
      fields: decided.fields,
      detectedAt: deps.now().getTime(),
    });
    result.conflictId = conflict.id;
    const unordered =
      decided.unordered.length > 0
        ? ` (${decided.unordered.join(', ')}: newest-wins cannot order the two edits)`
        : '';
    result.reason = `fields changed on both sides: ${Object.keys(decided.fields).join(', ')}${unordered}`;
  }
  result.targetId = formatEntityKey(finalKey);
  result.writes = executed.writes;
  return result;
}

/**
 * What we just wrote is the twin's newest content: observed now, so a later edit there is known
 * to be later than this write. Without an answer's record, the values we wrote stand in.
 */
async function observeWritten(
  decided: Plan,
  targetKey: EntityKey,
  record: PlatformRecord | undefined,
  before: PlatformRecord | undefined,
  context: { target: PlatformName; deps: SyncDeps },
): Promise<void> {
  const { deps, target } = context;
  const after =
    record ??
    ('written' in decided && decided.written ? overlay(before ?? {}, decided.written) : undefined);
  if (!after) return;
  const now = deps.now().getTime();
  const hasher = recordHasher(deps.mappings);
  await deps.observations.observe(
    target,
    targetKey.kind,
    [observedRead(hasher, target, targetKey, after, undefined, now)],
    now,
  );
}

/**
 * The record a reconcile page handed over, unless a sync has read the source since: then the
 * page's record may be older than what that sync saw, and writing it would undo a newer edit.
 */
function handedOver(request: SyncRequest, link: Link | undefined): PlatformRecord | undefined {
  const record = request.sourceRecord;
  if (record === undefined) return undefined;
  const seen = link?.[request.source].syncedAt;
  const readAt = request.sourceReadAt ?? 0;
  return seen !== undefined && seen >= readAt ? undefined : record;
}

/**
 * A new offer on an `approve_new` route: rejected ones are skipped, approved ones go ahead, the
 * rest wait in the pending list (a dry run only says so).
 */
async function holdBack(
  source: PlatformName,
  key: EntityKey,
  record: PlatformRecord,
  dryRun: boolean,
  deps: SyncDeps,
): Promise<{ action: 'pending' | 'rejected'; reason: string } | undefined> {
  const operator = deps.operator!;
  const decision = await decisionOn(operator, source, key);
  const ref = `${operator.connections[source]}:${formatEntityKey(key)}`;
  if (decision === 'approved') return undefined;
  if (decision === 'rejected')
    return {
      action: 'rejected',
      reason: `${ref} was rejected (offer-sync approve ${ref} to create it)`,
    };
  if (!dryRun)
    await operator.pending.hold(
      operator.connections[source],
      key,
      operator.route,
      pendingSummary(source, record),
      deps.now().toISOString(),
    );
  return {
    action: 'pending',
    reason: `${ref} is new and ${operator.route} creates new offers only once approved (offer-sync approve ${ref})`,
  };
}

/** The held-back state of a goal's or commission's offer, when it is pending or rejected. */
async function heldParent(
  source: PlatformName,
  key: EntityKey,
  deps: SyncDeps,
): Promise<{ action: 'pending' | 'rejected'; reason: string } | undefined> {
  const parent: EntityKey = { kind: 'offer', id: key.offerId ?? '' };
  if (!key.offerId || !holdsNewOffers(deps.operator, parent)) return undefined;
  if (await deps.links.find(source, parent)) return undefined;
  const decision = await decisionOn(deps.operator!, source, parent);
  if (decision === 'approved') return undefined;
  const connection = deps.operator!.connections[source];
  // Not yet seen by a sync of its own: the offer's sync comes first (a retry), as without approval.
  if (decision === undefined && !(await deps.operator!.pending.get(connection, parent)))
    return undefined;
  const ref = `${connection}:offer:${key.offerId}`;
  return {
    action: decision === 'rejected' ? 'rejected' : 'pending',
    reason: `its offer ${ref} ${decision === 'rejected' ? 'was rejected' : 'waits for approval'}`,
  };
}

/** For goals and commissions: the twin of their offer on the target, which must exist first. */
async function parentTwinId(
  route: CompiledRoute,
  key: EntityKey,
  deps: SyncDeps,
): Promise<string | undefined> {
  if (key.kind === 'offer' || key.kind === 'affiliate' || key.offerId === undefined)
    return undefined;
  const link: Link | undefined = await deps.links.find(route.source.platform, {
    kind: 'offer',
    id: key.offerId,
  });
  if (!link)
    throw new ParentNotLinkedError(
      `${formatEntityKey(key)} (offer ${key.offerId} on ${route.source.platform})`,
    );
  return link[route.target.platform].key.id;
}

function keptTargetValues(decided: Plan): boolean {
  if (decided.action === 'conflict') return true;
  if (decided.action !== 'update' && decided.action !== 'unchanged') return false;
  // `once` fields are set once by design: the target's own value there is not news for the source.
  return decided.notes.some((note) => note.winner === 'target' && note.reason !== 'once');
}

function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}
