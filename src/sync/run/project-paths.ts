// A record cut down to some dotted paths (nested as in the record), each value passed through
// `canonical`; a path whose value is missing, or canonically "not set", is left out.
import type { PlatformRecord } from '../../vocabulary/index.js';
import { getPath, setPath } from '../plan/index.js';

export function projectPaths(
  record: PlatformRecord,
  paths: readonly string[],
  canonical: (value: unknown) => unknown = (value) => value,
): PlatformRecord {
  let projected: PlatformRecord = {};
  for (const path of paths) {
    const value = canonical(getPath(record, path));
    if (value !== undefined) projected = setPath(projected, path, value);
  }
  return projected;
}
