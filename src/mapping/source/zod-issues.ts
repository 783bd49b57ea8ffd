// Turns zod issues about a mapping file into errors a person can act on: the position of the
// offending key or value, the rule it belongs to, what was expected, and a nearest-name hint.
import type { z } from 'zod';
import { DSL_KEYWORDS } from '../dsl/index.js';
import { MappingError } from '../errors.js';
import { nearest } from '../text/levenshtein.js';
import { ruleLabel } from './rule-label.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

const RULE_KEYS = [
  'from',
  'const',
  'template',
  'compute',
  'cases',
  'map',
  'decimal',
  'integer',
  'boolean',
  'date',
];
const RULE_KEYS_2 = [
  'list',
  'replace',
  'single_key',
  'link',
  'when',
  'default',
  'sync',
  'owner',
  'reverse',
  'note',
];
const ROUTE_KEYS = [
  'route',
  'description',
  'direction',
  'key',
  'conflict',
  'sync',
  'owner',
  'tables',
  'no_twin',
];
const ROUTE_KEYS_2 = ['lossy', 'ignore', 'fields', 'reverse'];

/** The keys allowed where an unknown key was found, judged from the path's shape. */
function allowedKeys(path: YamlPath): string[] {
  const last = path[path.length - 1];
  const before = path[path.length - 2];
  if (path.length === 0) return [...ROUTE_KEYS, ...ROUTE_KEYS_2];
  if (path.length === 1 && last === 'key') return ['source', 'target'];
  if (path.length === 1 && last === 'reverse')
    return ['no_twin', 'lossy', 'ignore', 'fields', 'sync', 'owner'];
  if (before === 'no_twin') return ['when', 'reason'];
  if (last === 'decimal') return ['scale', 'rounding', 'unset'];
  if (last === 'date') return ['offerit', 'offerslook', 'unset', 'day_end'];
  if (last === 'list') return ['upper', 'separator'];
  if (last === 'boolean' || last === 'unset') return ['offerit', 'offerslook'];
  return [...RULE_KEYS, ...RULE_KEYS_2];
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A union failed in every branch: keep the branch that got inside the value (a deeper path), if any. */
function bestBranch(issue: Issue & { code: 'invalid_union' }): Issue[] | undefined {
  let best: Issue[] | undefined;
  let bestDepth = 0;
  for (const branch of issue.errors) {
    const depth = Math.max(...branch.map((inner) => inner.path.length));
    if (depth > bestDepth) {
      best = branch;
      bestDepth = depth;
    }
  }
  return best;
}

const TYPE_NAMES: Record<string, string> = {
  record: 'a mapping',
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};
const typeName = (expected: string) => TYPE_NAMES[expected] ?? expected;

/** What one failed union branch wanted, in words. */
function expectation(issue: Issue): string {
  if (issue.code === 'invalid_type') return typeName(issue.expected);
  if (issue.code === 'invalid_value')
    return issue.values.map((value) => JSON.stringify(value)).join(' or ');
  if (issue.code === 'unrecognized_keys') return 'a mapping';
  return 'another form';
}

export function zodIssuesToErrors(
  issues: readonly Issue[],
  source: YamlSource,
  prefix: YamlPath = [],
): MappingError[] {
  const errors: MappingError[] = [];
  for (const issue of issues) {
    const path: YamlPath = [...prefix, ...(issue.path as (string | number)[])];
    const at = (where: YamlPath, key = false) => ({
      file: source.file,
      ...source.position(where, { key }),
    });
    const rule = ruleLabel(path);
    const base = rule === undefined ? {} : { rule };
    const value = valueAt(source.data, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const allowed = allowedKeys(path);
          const suggestion = nearest(key, allowed) ?? nearest(key, DSL_KEYWORDS);
          errors.push(
            new MappingError({
              ...at([...path, key], true),
              ...base,
              message: `unknown key "${key}"`,
              expected: `one of ${allowed.join(', ')}`,
              ...(suggestion ? { suggestion } : {}),
            }),
          );
        }
        break;
      case 'invalid_value': {
        const allowed = issue.values.map(String);
        const suggestion = typeof value === 'string' ? nearest(value, allowed) : undefined;
        errors.push(
          new MappingError({
            ...at(path),
            ...base,
            message: `invalid value ${JSON.stringify(value)} for "${String(path[path.length - 1])}"`,
            expected: `one of ${allowed.join(', ')}`,
            ...(suggestion ? { suggestion } : {}),
          }),
        );
        break;
      }
      case 'invalid_union': {
        const branch = 'errors' in issue && issue.errors.length > 0 ? bestBranch(issue) : undefined;
        if (branch) {
          errors.push(...zodIssuesToErrors(branch, source, path));
          break;
        }
        const expected = [
          ...new Set(
            issue.errors.map((branch) => (branch[0] ? expectation(branch[0]) : 'another form')),
          ),
        ];
        errors.push(
          new MappingError({
            ...at(path),
            ...base,
            message: `"${String(path[path.length - 1])}" holds ${describe(value)}`,
            expected: expected.join(' or '),
          }),
        );
        break;
      }
      case 'invalid_type':
        errors.push(
          value === undefined
            ? new MappingError({
                ...at(path.slice(0, -1)),
                ...base,
                message: `missing key "${String(path[path.length - 1])}"`,
                expected: `${typeName(issue.expected)} under "${String(path[path.length - 1])}"`,
              })
            : new MappingError({
                ...at(path),
                ...base,
                message: `"${String(path[path.length - 1])}" holds ${describe(value)}`,
                expected: typeName(issue.expected),
              }),
        );
        break;
      case 'too_small':
        errors.push(
          new MappingError({
            ...at(path),
            ...base,
            message: `"${String(path[path.length - 1])}" is empty`,
            expected: 'at least one entry',
          }),
        );
        break;
      default:
        errors.push(new MappingError({ ...at(path), ...base, message: issue.message }));
    }
  }
  return errors;
}
