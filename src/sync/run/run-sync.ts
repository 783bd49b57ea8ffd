// One sync, step by step: read the source -> map it -> find its twin and read it -> plan the
// minimal write -> write -> record the link and both sides' content hashes. An unchanged
// entity costs zero platform writes; a dry run costs none at all.
import type { PlatformName } from '../../config/index.js';
import type { CompiledRoute } from '../../mapping/index.js';
import { formatEntityKey, type EntityKey, type PlatformRecord } from '../../platforms/entities.js';
import { otherPlatform, type Link } from '../../store/index.js';
import { changesToRecord, createEquals, linkAfterSync, plan, type Plan } from '../plan/index.js';
import { findCreated } from './find-created.js';
import { findTwin } from './find-twin.js';
import { recordHash, updatedAtOf } from './record-hash.js';
import { mapWithLinks } from './resolve-links.js';
import type { SyncDeps } from './sync-deps.js';
import { MappingRejectedError, ParentNotLinkedError } from './sync-errors.js';
import type { SyncResult } from './sync-result.js';

export interface SyncRequest {
  source: PlatformName;
  key: EntityKey;
  /** Plan only: no platform write, no link saved. */
  dryRun?: boolean;
  /** Source values win on every `always` field (how `conflicts resolve --keep` is applied). */
  force?: 'all';
}

/** Offerslook's "-1" means "not set", like a missing or empty value. */
const equals = createEquals({ empty: [undefined, null, '', '-1'] });

export async function runSync(request: SyncRequest, deps: SyncDeps): Promise<SyncResult> {
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
  if (!route)
    return {
      ...base,
      route: `${source}.${key.kind}`,
      action: 'skip',
      reason: `no mapping route from ${source} for ${key.kind}`,
    };

  const sourceRecord = await deps.clients[source].get(key);
  if (!sourceRecord)
    return {
      ...base,
      route: route.name,
      action: 'skip',
      reason: 'the source entity no longer exists',
    };

  const mapped = await mapWithLinks(route, sourceRecord, key.offerId, deps);
  const warnings = mapped.lossy.map((lossy) => `lossy ${lossy.field}: ${lossy.reason}`);
  const noTwin = mapped.issues.find((issue) => issue.code === 'NO_TWIN');
  if (noTwin)
    return { ...base, route: route.name, warnings, action: 'skip', reason: noTwin.message };
  // Before the mapping's issues: a goal or commission whose offer has no twin yet has its offer
  // link unresolved, which only needs the offer's sync (a retry), not a fix (a dead letter).
  const targetOfferId = await parentTwinId(route, key, deps);
  if (mapped.issues.length > 0) throw new MappingRejectedError(route.name, mapped.issues);

  let link = await deps.links.find(source, key);
  let targetKey = link?.[target].key;
  let targetRecord = targetKey ? await deps.clients[target].get(targetKey) : undefined;
  if (!targetRecord) {
    // No twin known (or the linked one vanished): one may exist all the same.
    const twin = await findTwin(route, mapped.value, key, targetOfferId, deps);
    if (twin) {
      targetKey = twin.key;
      targetRecord = twin.record;
    } else {
      link = undefined;
    }
  }

  const sourceHash = recordHash(sourceRecord);
  const targetHash = targetRecord ? recordHash(targetRecord) : undefined;
  const sourceUpdatedAt = updatedAtOf(sourceRecord);
  const targetUpdatedAt = targetRecord ? updatedAtOf(targetRecord) : undefined;
  const decided = plan({
    kind: key.kind,
    direction: { from: source, to: target },
    mapped: mapped.value,
    fields: route.fields,
    conflictPolicy: route.conflictPolicy,
    ...(targetRecord ? { target: targetRecord, targetHash } : {}),
    ...(link ? { link } : {}),
    sourceHash,
    ...(sourceUpdatedAt === undefined ? {} : { sourceUpdatedAt }),
    ...(targetUpdatedAt === undefined ? {} : { targetUpdatedAt }),
    equals,
    ...(request.force ? { force: request.force } : {}),
  });
  const result: SyncResult = {
    ...base,
    route: route.name,
    warnings,
    action: decided.action,
    changes: changesOf(decided),
    ...(targetKey ? { targetId: formatEntityKey(targetKey) } : {}),
  };
  if (request.dryRun) return result;

  const executed = await execute(decided, {
    route,
    key,
    target,
    targetKey,
    targetRecord,
    targetOfferId,
    deps,
  });
  const finalKey = executed.targetKey ?? targetKey;
  if (!finalKey) return result;
  const finalHash = executed.readBack ? recordHash(executed.readBack) : targetHash;
  const finalUpdatedAt = executed.readBack ? updatedAtOf(executed.readBack) : targetUpdatedAt;
  const saved = linkAfterSync({
    kind: key.kind,
    direction: { from: source, to: target },
    ...(link ? { link } : {}),
    plan: decided,
    sourceKey: key,
    targetKey: finalKey,
    sourceHash,
    ...(sourceUpdatedAt === undefined ? {} : { sourceUpdatedAt }),
    ...(finalHash === undefined ? {} : { targetHash: finalHash }),
    ...(finalUpdatedAt === undefined ? {} : { targetUpdatedAt: finalUpdatedAt }),
    now: deps.now().getTime(),
  });
  // The read-back is our echo only if it holds nothing but what the source has. When the target
  // kept values of its own (a local edit, an owner's or the newer value, a manual conflict),
  // marking it ours would make the reverse sync skip it as an echo and those values would never
  // reach the source (nor could `conflicts resolve --keep` apply them).
  if (keptTargetValues(decided)) delete saved[target].writtenHash;
  await deps.links.save(saved);
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
    result.reason = `fields changed on both sides: ${Object.keys(decided.fields).join(', ')}`;
  }
  result.targetId = formatEntityKey(finalKey);
  result.writes = executed.writes;
  return result;
}

interface ExecuteContext {
  route: CompiledRoute;
  key: EntityKey;
  target: PlatformName;
  targetKey: EntityKey | undefined;
  /** The twin as read before planning, for composing the view a partial write answer leaves. */
  targetRecord: PlatformRecord | undefined;
  targetOfferId: string | undefined;
  deps: SyncDeps;
}

async function execute(
  decided: Plan,
  context: ExecuteContext,
): Promise<{ writes: number; targetKey?: EntityKey; readBack?: PlatformRecord }> {
  const { route, key, target, deps } = context;
  const client = deps.clients[target];
  const options = context.targetOfferId === undefined ? {} : { offerId: context.targetOfferId };
  if (decided.action === 'create') {
    // The intent survives a crash between this create and the link save; the retry then finds
    // the twin by its recorded key, or by the fields it wrote, instead of creating another.
    const intent = await deps.intents.begin(route.name, key, formatEntityKey(key));
    if (intent.resumed && intent.targetKey) {
      const existing = await client.get(intent.targetKey);
      if (existing) return { writes: 0, targetKey: intent.targetKey, readBack: existing };
    } else if (intent.resumed) {
      // An earlier attempt may have created the twin and died before it learnt the key.
      const found = await findCreated(route, decided.fields, context.targetOfferId, equals, deps);
      if (found) {
        await deps.intents.setTarget(route.name, key, found.key);
        if (Object.keys(found.missing).length === 0) {
          return { writes: 0, targetKey: found.key, readBack: found.record };
        }
        const written = await client.update(
          found.key,
          changesToRecord(found.missing),
          found.record,
        );
        return {
          writes: 1,
          targetKey: found.key,
          readBack: written.record ?? (await client.get(found.key)),
        };
      }
    }
    const created = await client.create(route.kind, decided.fields, options);
    await deps.intents.setTarget(route.name, key, created.key);
    return {
      writes: 1,
      targetKey: created.key,
      readBack: created.record ?? (await client.get(created.key)),
    };
  }
  const changes =
    decided.action === 'update' || decided.action === 'conflict' ? decided.changes : {};
  if (Object.keys(changes).length === 0 || !context.targetKey) return { writes: 0 };
  const written = await client.update(
    context.targetKey,
    changesToRecord(changes),
    context.targetRecord,
  );
  return { writes: 1, readBack: written.record ?? (await client.get(context.targetKey)) };
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

function changesOf(decided: Plan): Record<string, { from: unknown; to: unknown }> {
  if (decided.action === 'update' || decided.action === 'conflict') return decided.changes;
  if (decided.action === 'create')
    return Object.fromEntries(
      Object.entries(flatten(decided.fields)).map(([field, to]) => [
        field,
        { from: undefined, to },
      ]),
    );
  return {};
}

function flatten(record: PlatformRecord, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (value && typeof value === 'object' && !Array.isArray(value))
      Object.assign(out, flatten(value as PlatformRecord, path));
    else out[path] = value;
  }
  return out;
}
