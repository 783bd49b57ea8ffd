// The dotted paths of a nested record's leaves (arrays are leaves: a list is one field's value).
import type { PlatformRecord } from '../../vocabulary/index.js';

export function leafPaths(record: PlatformRecord, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [name, value] of Object.entries(record)) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      paths.push(...leafPaths(value as PlatformRecord, path));
    } else {
      paths.push(path);
    }
  }
  return paths;
}
