// What every compile step needs: the two sides' field catalogs, the route's tables, and a place
// to report problems at a position in the file.
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityCatalog } from '../catalog/index.js';
import type { YamlPath } from '../source/index.js';
import { nearest } from '../text/levenshtein.js';

export interface ReportExtra {
  expected?: string;
  suggestion?: string;
  /** Point at the key rather than the value. */
  key?: boolean;
}

export interface CompileScope {
  /** The side rules read from. */
  source: EntityCatalog;
  /** The side rules write to. */
  target: EntityCatalog;
  sourcePlatform: PlatformName;
  targetPlatform: PlatformName;
  tables: Readonly<Record<string, Readonly<Record<string, string>>>>;
  report(path: YamlPath, rule: string | undefined, message: string, extra?: ReportExtra): void;
  /** How many problems have been reported so far (a step compares before and after). */
  errorCount(): number;
}

/** Checks that a path names a field of the source side; reports it with a nearest-name hint if not. */
export function checkSourcePath(
  scope: CompileScope,
  path: string,
  at: YamlPath,
  rule: string | undefined,
): boolean {
  if (scope.source.fields.has(path)) return true;
  const suggestion = nearest(path, scope.source.fields.keys());
  scope.report(at, rule, `unknown source field "${path}" of ${scope.source.label}`, {
    expected: `a field of ${scope.source.label}`,
    ...(suggestion ? { suggestion } : {}),
  });
  return false;
}
