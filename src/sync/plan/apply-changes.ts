// Turning a plan's changes into records: the partial record a client's `update` takes, and the
// target as it should read after the write (for its content hash, and for tests).
import type { PlatformRecord } from '../../vocabulary/index.js';
import { setPath } from './paths.js';
import type { FieldChange } from './types.js';

/** The changed fields as a nested record of their new values, for `PlatformClient.update`. */
export function changesToRecord(changes: Readonly<Record<string, FieldChange>>): PlatformRecord {
  let record: PlatformRecord = {};
  for (const [path, change] of Object.entries(changes)) record = setPath(record, path, change.to);
  return record;
}

/** A copy of `target` with every change applied. */
export function applyChanges(
  target: Readonly<PlatformRecord>,
  changes: Readonly<Record<string, FieldChange>>,
): PlatformRecord {
  let record: PlatformRecord = { ...target };
  for (const [path, change] of Object.entries(changes)) record = setPath(record, path, change.to);
  return record;
}
