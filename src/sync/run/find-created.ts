// A create whose answer never arrived (the process died, or the connection dropped, after the
// platform made the record) leaves a twin whose key nobody recorded, and most routes have no key
// field to find it by. So a resumed create first looks for a record that carries the top-level
// fields it was about to write and that no link holds: that is the twin an earlier attempt made.
// Nested fields (an Offerslook offer's `base_event.*`) may be written by a follow-up request the
// earlier attempt never sent, so they are not required to match; they come back as `missing`.
import type { CompiledRoute } from '../../mapping/index.js';
import type { EntityKey, PlatformRecord } from '../../vocabulary/index.js';
import { getPath, type FieldChange, type FieldEquals } from '../plan/index.js';
import type { SyncDeps } from './sync-deps.js';

export interface CreatedTwin {
  key: EntityKey;
  record: PlatformRecord;
  /** Fields the earlier attempt did not get to write, to write now. */
  missing: Record<string, FieldChange>;
}

export async function findCreated(
  route: CompiledRoute,
  fields: PlatformRecord,
  targetOfferId: string | undefined,
  equals: FieldEquals,
  deps: SyncDeps,
): Promise<CreatedTwin | undefined> {
  const to = route.target.platform;
  const client = deps.clients[to];
  const paths = route.fields
    .map((field) => field.target)
    .filter((path) => getPath(fields, path) !== undefined);
  const identifying = paths.filter((path) => !path.includes('.'));
  if (identifying.length === 0) return undefined;
  const differs = (candidate: PlatformRecord, path: string): boolean =>
    !equals(path, getPath(candidate, path), getPath(fields, path));
  const options = targetOfferId === undefined ? {} : { offerId: targetOfferId };
  const candidates = client.search
    ? client.search(route.kind, fields, options)
    : client.list(route.kind, options);
  for await (const candidate of candidates) {
    if (identifying.some((path) => differs(candidate, path))) continue;
    const key = client.keyOf(route.kind, candidate);
    if ((await deps.links.find(to, key)) !== undefined) continue;
    return { key, record: candidate, missing: missingFields(route, fields, candidate, equals) };
  }
  return undefined;
}

/** The fields of a create the twin does not hold (yet), as changes to write. */
export function missingFields(
  route: CompiledRoute,
  fields: PlatformRecord,
  twin: PlatformRecord,
  equals: FieldEquals,
): Record<string, FieldChange> {
  return Object.fromEntries(
    route.fields
      .map((field) => field.target)
      .filter((path) => getPath(fields, path) !== undefined)
      .filter((path) => !equals(path, getPath(twin, path), getPath(fields, path)))
      .map((path) => [path, { from: getPath(twin, path), to: getPath(fields, path) }]),
  );
}
