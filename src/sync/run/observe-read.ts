// Turns a read of one side into what the observation store records: each projected field's
// value hash, and for a field offer-sync has not observed before, the interval its value is
// known to date from (before the last sync if it is unchanged since, else since then).
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKey, PlatformRecord } from '../../vocabulary/index.js';
import type { Link, ObservedRead } from '../../store/index.js';
import { getPath } from '../plan/index.js';
import type { RecordHasher } from './record-hash.js';
import { syncEquals } from './sync-equals.js';

export function observedRead(
  hasher: RecordHasher,
  platform: PlatformName,
  key: EntityKey,
  record: PlatformRecord,
  link: Link | undefined,
  at: number,
): ObservedRead {
  const values = hasher.fieldHashes(platform, key.kind, record);
  const side = link?.[platform];
  const syncedAt = side?.syncedAt;
  if (side === undefined || syncedAt === undefined) return { key, values };
  const hash = hasher.hash(platform, key.kind, record);
  const wholeUnchanged = side.seenHash === hash;
  return {
    key,
    values,
    firstSeen: (path) => {
      const written = side.written;
      const unchanged =
        wholeUnchanged ||
        (written !== undefined &&
          getPath(written, path) !== undefined &&
          syncEquals(path, getPath(record, path), getPath(written, path)));
      return unchanged ? { after: 0, firstSeenAt: syncedAt } : { after: syncedAt, firstSeenAt: at };
    },
  };
}
