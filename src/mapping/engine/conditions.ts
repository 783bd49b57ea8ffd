// `when:` conditions, compiled once into predicates over a record.
//   { commission_type: click }                  equal (as text, or as decimals: "2.80" = 2.8)
//   { commission_type: [cpa, hybrid] }          one of
//   { pending_approval_lockout: { gt: 0 } }     tests: eq, in, not, present, empty, gt, gte, lt, lte, size
//   { any: [cond, ...] }, { all: [...] }, { not: cond }
import type { YamlPath } from '../source/index.js';
import { nearest } from '../text/levenshtein.js';
import { decimalCompare, decimalEquals, decimalText } from '../values/decimal.js';
import { carriesValue, isPresent, scalarKey } from '../values/presence.js';
import { checkSourcePath, type CompileScope } from './compile-scope.js';
import { compileGetter, type Rec } from './path.js';

export type Predicate = (record: Rec) => boolean;
type Test = (value: unknown) => boolean;

const TEST_KEYS = ['eq', 'in', 'not', 'present', 'empty', 'gt', 'gte', 'lt', 'lte', 'size'];
const COMBINATORS = new Set(['any', 'all', 'not']);

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function equalsTest(expected: string | number | boolean): Test {
  const text = scalarKey(expected)!;
  const numeric = decimalText(expected) !== undefined;
  return (value) => {
    const key = scalarKey(value);
    if (key === undefined) return false;
    return key === text || (numeric && decimalEquals(key, text));
  };
}

interface ConditionContext {
  scope: CompileScope;
  rule: string | undefined;
  /** Source paths the condition reads (coverage). */
  reads: Set<string>;
}

/** Compiles a condition; reports problems and returns undefined when it cannot be compiled. */
export function compileCondition(
  condition: unknown,
  at: YamlPath,
  context: ConditionContext,
): Predicate | undefined {
  const { scope, rule } = context;
  if (!isPlainObject(condition) || Object.keys(condition).length === 0) {
    scope.report(at, rule, 'a condition must name at least one field', {
      expected: 'a mapping of field -> test, e.g. { commission_type: click }',
    });
    return undefined;
  }
  const parts: Predicate[] = [];
  let ok = true;
  for (const [key, value] of Object.entries(condition)) {
    const where = [...at, key];
    if (COMBINATORS.has(key)) {
      const part = compileCombinator(key, value, where, context);
      if (part) parts.push(part);
      else ok = false;
      continue;
    }
    if (!checkSourcePath(scope, key, where, rule)) {
      ok = false;
      continue;
    }
    context.reads.add(key);
    const test = compileTest(value, where, key, context);
    if (!test) {
      ok = false;
      continue;
    }
    const read = compileGetter(key);
    parts.push((record) => test(read(record)));
  }
  if (!ok) return undefined;
  if (parts.length === 1) return parts[0];
  return (record) => parts.every((part) => part(record));
}

function compileCombinator(
  key: string,
  value: unknown,
  at: YamlPath,
  context: ConditionContext,
): Predicate | undefined {
  if (key === 'not') {
    const inner = compileCondition(value, at, context);
    return inner && ((record) => !inner(record));
  }
  if (!Array.isArray(value) || value.length === 0) {
    context.scope.report(at, context.rule, `"${key}" takes a list of conditions`, {
      expected: `${key}: [ {...}, {...} ]`,
    });
    return undefined;
  }
  const inner = value.map((item, index) => compileCondition(item, [...at, index], context));
  if (inner.some((part) => part === undefined)) return undefined;
  const predicates = inner as Predicate[];
  return key === 'any'
    ? (record) => predicates.some((part) => part(record))
    : (record) => predicates.every((part) => part(record));
}

function compileTest(
  spec: unknown,
  at: YamlPath,
  field: string,
  context: ConditionContext,
): Test | undefined {
  const { scope, rule } = context;
  const checkValue = (value: string | number | boolean, where: YamlPath) => {
    const allowed = scope.source.fields.get(field)?.enumValues;
    if (!allowed || allowed.some((item) => scalarKey(item) === scalarKey(value))) return;
    const names = allowed.map(String).filter((name) => name !== '');
    const suggestion = typeof value === 'string' ? nearest(value, names) : undefined;
    scope.report(
      where,
      rule,
      `${JSON.stringify(value)} is never a value of ${scope.source.label} field "${field}"`,
      {
        expected: `one of ${names.join(', ')}`,
        ...(suggestion ? { suggestion } : {}),
      },
    );
  };
  if (isScalar(spec)) {
    checkValue(spec, at);
    return equalsTest(spec);
  }
  if (Array.isArray(spec)) {
    if (!spec.every(isScalar)) {
      scope.report(at, rule, 'a list in a condition holds plain values', {
        expected: 'e.g. [cpa, hybrid]',
      });
      return undefined;
    }
    spec.forEach((item, index) => checkValue(item, [...at, index]));
    const tests = spec.map(equalsTest);
    return (value) => tests.some((test) => test(value));
  }
  if (!isPlainObject(spec)) {
    scope.report(at, rule, `unexpected ${spec === null ? 'null' : typeof spec} as a test`, {
      expected: 'a value, a list of values, or a test such as { gt: 0 }',
    });
    return undefined;
  }
  const tests: Test[] = [];
  for (const [name, argument] of Object.entries(spec)) {
    const where = [...at, name];
    const test = compileNamedTest(name, argument, where, field, context, checkValue);
    if (!test) return undefined;
    tests.push(test);
  }
  if (tests.length === 0) {
    scope.report(at, rule, 'an empty test', { expected: `one of ${TEST_KEYS.join(', ')}` });
    return undefined;
  }
  return tests.length === 1 ? tests[0] : (value) => tests.every((test) => test(value));
}

function compileNamedTest(
  name: string,
  argument: unknown,
  at: YamlPath,
  field: string,
  context: ConditionContext,
  checkValue: (value: string | number | boolean, where: YamlPath) => void,
): Test | undefined {
  const { scope, rule } = context;
  const fail = (expected: string) => {
    scope.report(at, rule, `invalid argument for "${name}"`, { expected });
    return undefined;
  };
  switch (name) {
    case 'eq':
      if (!isScalar(argument)) return fail('a plain value');
      checkValue(argument, at);
      return equalsTest(argument);
    case 'in':
    case 'not': {
      if (name === 'not' && isPlainObject(argument)) {
        const inner = compileTest(argument, at, field, context);
        return inner && ((value) => !inner(value));
      }
      const inner = compileTest(argument, at, field, context);
      if (!inner) return undefined;
      return name === 'in' ? inner : (value) => !inner(value);
    }
    case 'present':
    case 'empty':
      if (typeof argument !== 'boolean') return fail('true or false');
      return name === 'present'
        ? (value) => isPresent(value) === argument
        : (value) => !carriesValue(value) === argument;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (decimalText(argument) === undefined) return fail('a number');
      const bound = argument;
      const accept = {
        gt: (c: number) => c > 0,
        gte: (c: number) => c >= 0,
        lt: (c: number) => c < 0,
        lte: (c: number) => c <= 0,
      }[name];
      return (value) => {
        const compared = decimalCompare(value, bound);
        return compared !== undefined && accept(compared);
      };
    }
    case 'size': {
      if (typeof argument !== 'number' || !Number.isInteger(argument) || argument < 0)
        return fail('a whole number');
      return (value) => {
        if (Array.isArray(value)) return value.length === argument;
        if (isPlainObject(value)) return Object.keys(value).length === argument;
        return argument === 0 && !isPresent(value);
      };
    }
    default: {
      const suggestion = nearest(name, TEST_KEYS);
      scope.report(at, rule, `unknown test "${name}"`, {
        expected: `one of ${TEST_KEYS.join(', ')}`,
        key: true,
        ...(suggestion ? { suggestion } : {}),
      });
      return undefined;
    }
  }
}
