// Brings one side of a stored link up to date with a record just read of that side, before
// anything compares hashes: a legacy whole-record hash that still describes the record becomes
// this scheme's hash, and a side left `unconfirmed` by our own write is settled (see LinkSide).
// Pure: the caller saves the link when it says it changed.
import type { PlatformName } from '../../vocabulary/index.js';
import type { PlatformRecord } from '../../vocabulary/index.js';
import type { Link, LinkSide } from '../../store/index.js';
import { getPath, type FieldEquals } from '../plan/index.js';
import { leafPaths } from './leaf-paths.js';
import { isLegacyHash, legacyRecordHash } from './record-hash.js';

export interface RefreshedSide {
  link: Link;
  /** Whether the link differs from the one passed in (worth saving on its own). */
  changed: boolean;
  /** Set when an unconfirmed side was read: `echo` when it held what we wrote, else `changed`. */
  settled?: 'echo' | 'changed';
}

export function refreshSide(
  link: Link,
  platform: PlatformName,
  record: PlatformRecord,
  hash: string,
  equals: FieldEquals,
): RefreshedSide {
  const side: LinkSide = { ...link[platform] };
  let changed = false;
  let legacy: string | undefined;
  const legacyHash = () => (legacy ??= legacyRecordHash(record));
  for (const field of ['seenHash', 'writtenHash'] as const) {
    const stored = side[field];
    if (isLegacyHash(stored) && stored === legacyHash()) {
      side[field] = hash;
      changed = true;
    }
  }
  let settled: RefreshedSide['settled'];
  if (side.unconfirmed) {
    delete side.unconfirmed;
    changed = true;
    settled = holdsWritten(record, side.written, equals) ? 'echo' : 'changed';
    if (settled === 'echo') {
      side.seenHash = hash;
      side.writtenHash = hash;
    }
  }
  if (!changed) return { link, changed: false };
  return { link: { ...link, [platform]: side }, changed: true, ...(settled ? { settled } : {}) };
}

/** Whether the record has every value of `written` (the route's equality), and `written` has any. */
function holdsWritten(
  record: PlatformRecord,
  written: PlatformRecord | undefined,
  equals: FieldEquals,
): boolean {
  if (written === undefined) return false;
  const paths = leafPaths(written);
  return (
    paths.length > 0 &&
    paths.every((path) => equals(path, getPath(record, path), getPath(written, path)))
  );
}
