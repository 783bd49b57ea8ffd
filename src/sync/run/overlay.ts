// A record with the leaves of another laid over it (nested fields replaced one by one, not whole).
import type { PlatformRecord } from '../../vocabulary/index.js';
import { getPath, setPath } from '../plan/index.js';
import { leafPaths } from './leaf-paths.js';

export function overlay(base: PlatformRecord, over: PlatformRecord): PlatformRecord {
  let record = base;
  for (const path of leafPaths(over)) record = setPath(record, path, getPath(over, path));
  return record;
}
