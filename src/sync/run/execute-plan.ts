// Carries out a plan's write on the target: a create (idempotent through the write intent), or
// the changed fields of an update. What the write's answers say about the entity comes back as
// `record`; nothing is read back that an answer already told.
import type { PlatformName } from '../../vocabulary/index.js';
import type { CompiledRoute } from '../../mapping/index.js';
import { formatEntityKey, type EntityKey, type PlatformRecord } from '../../vocabulary/index.js';
import { changesToRecord, type Plan } from '../plan/index.js';
import { findCreated, missingFields, type CreatedTwin } from './find-created.js';
import type { SyncDeps } from './sync-deps.js';
import { syncEquals } from './sync-equals.js';

export interface ExecuteContext {
  route: CompiledRoute;
  key: EntityKey;
  target: PlatformName;
  targetKey: EntityKey | undefined;
  /** The twin as read before planning, for composing the view a partial write answer leaves. */
  targetRecord: PlatformRecord | undefined;
  targetOfferId: string | undefined;
  deps: SyncDeps;
}

export interface Executed {
  writes: number;
  /** The twin's key after a create (or a resumed one). */
  targetKey?: EntityKey;
  /**
   * The twin as it stands after the write, when known: from the write's answers, or the record a
   * resumed create found. `undefined` after a write whose answers do not carry the record.
   */
  record?: PlatformRecord;
}

export async function executePlan(decided: Plan, context: ExecuteContext): Promise<Executed> {
  const { route, key, target, deps } = context;
  const client = deps.clients[target];
  const options = context.targetOfferId === undefined ? {} : { offerId: context.targetOfferId };
  if (decided.action === 'create') {
    // The intent survives a crash between this create and the link save; the retry then finds
    // the twin by its recorded key, or by the fields it wrote, instead of creating another.
    const intent = await deps.intents.begin(route.name, key, formatEntityKey(key));
    if (intent.resumed) {
      // An earlier attempt got as far as the create: its twin is found by the key it recorded,
      // or, when it died before it learnt the key, by the fields it wrote. What that attempt did
      // not get to write (an Offerslook offer's base event, say) is written now.
      const found = await resumedTwin(intent.targetKey, decided.fields, context);
      if (found) {
        await deps.intents.setTarget(route.name, key, found.key);
        if (Object.keys(found.missing).length === 0) {
          return { writes: 0, targetKey: found.key, record: found.record };
        }
        const written = await client.update(
          found.key,
          changesToRecord(found.missing),
          found.record,
        );
        return { writes: 1, targetKey: found.key, ...recordOf(written.record) };
      }
    }
    const recordKey = async (twin: EntityKey) => {
      await deps.intents.setTarget(route.name, key, twin);
    };
    const created = await client.create(route.kind, decided.fields, {
      ...options,
      created: recordKey,
    });
    await recordKey(created.key);
    return { writes: 1, targetKey: created.key, ...recordOf(created.record) };
  }
  const changes =
    decided.action === 'update' || decided.action === 'conflict' ? decided.changes : {};
  if (Object.keys(changes).length === 0 || !context.targetKey) return { writes: 0 };
  const written = await client.update(
    context.targetKey,
    changesToRecord(changes),
    context.targetRecord,
  );
  return { writes: 1, ...recordOf(written.record) };
}

async function resumedTwin(
  recordedKey: EntityKey | undefined,
  fields: PlatformRecord,
  context: ExecuteContext,
): Promise<CreatedTwin | undefined> {
  const { route, target, deps } = context;
  if (recordedKey) {
    const record = await deps.clients[target].get(recordedKey);
    if (record) {
      return {
        key: recordedKey,
        record,
        missing: missingFields(route, fields, record, syncEquals),
      };
    }
  }
  return findCreated(route, fields, context.targetOfferId, syncEquals, deps);
}

function recordOf(record: PlatformRecord | undefined): { record?: PlatformRecord } {
  return record === undefined ? {} : { record };
}
