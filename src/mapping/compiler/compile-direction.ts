// Compiles one direction of a route (the rules, guards and declarations that map records of
// one entity onto the other) and checks it as a whole: keys, overlapping targets, required
// target fields, and that every source field is mapped, declared lossy, or ignored.
import type { EntityCatalog } from '../catalog/index.js';
import { REQUIRED_ON_CREATE } from '../catalog/index.js';
import type { NoTwinRule, RuleBody } from '../dsl/index.js';
import { compileRule } from '../engine/compile-rule.js';
import type { CompileScope } from '../engine/compile-scope.js';
import { compileCondition } from '../engine/conditions.js';
import {
  buildApply,
  type ApplyFunction,
  type RuntimeGuard,
  type RuntimeRule,
} from '../engine/route-runtime.js';
import type { YamlPath } from '../source/index.js';
import { nearest } from '../text/levenshtein.js';
import type {
  CoverageReport,
  FieldPolicy,
  LossyField,
  PlatformName,
  SyncPolicy,
} from '../types.js';

export interface RuleInput {
  target: string;
  body: RuleBody;
  at: YamlPath;
  label: string;
  sync: SyncPolicy;
  owner?: PlatformName;
}

export interface DirectionInput {
  scope: CompileScope;
  sourceKey: readonly string[];
  targetKey: readonly string[];
  /** Where the keys are declared, for errors: [source, target]. */
  keyAt: readonly [YamlPath, YamlPath];
  rules: readonly RuleInput[];
  guards: readonly NoTwinRule[];
  guardsAt: YamlPath;
  lossy: Readonly<Record<string, string>>;
  lossyAt: YamlPath;
  ignore: readonly string[];
  ignoreAt: YamlPath;
  /** Source fields accounted for without a declaration (reverse: targets of constants and one-way rules). */
  implicit: readonly LossyField[];
  /** Where coverage gaps and missing required fields are reported. */
  coverageAt: YamlPath;
  /** `lossy:` or `reverse: lossy:`, as the operator would write it. */
  declareHint: string;
  coverage: 'error' | 'warn';
  warn(message: string): void;
}

export interface CompiledDirection {
  apply: ApplyFunction;
  fields: FieldPolicy[];
  coverage: CoverageReport;
}

const covers = (paths: Iterable<string>, leaf: string) => {
  for (const path of paths) if (leaf === path || leaf.startsWith(`${path}.`)) return true;
  return false;
};

export function compileDirection(input: DirectionInput): CompiledDirection | undefined {
  const { scope } = input;
  const errorsBefore = countErrors(scope);
  const reads = new Set<string>();

  checkKeys(input.sourceKey, scope.source, input.keyAt[0], scope);
  checkKeys(input.targetKey, scope.target, input.keyAt[1], scope);

  const runtimeRules: RuntimeRule[] = [];
  const fields: FieldPolicy[] = [];
  for (const rule of input.rules) {
    const ruleReads = new Set<string>();
    const evaluate = compileRule(rule.body, rule.target, rule.at, rule.label, scope, ruleReads);
    for (const path of ruleReads) reads.add(path);
    const policy: FieldPolicy = {
      target: rule.target,
      sync: rule.sync,
      reads: [...ruleReads].sort(),
    };
    if (rule.owner !== undefined) policy.owner = rule.owner;
    fields.push(policy);
    if (evaluate && rule.sync !== 'never') runtimeRules.push({ target: rule.target, evaluate });
  }
  checkOverlaps(input.rules, scope);

  const guards: RuntimeGuard[] = [];
  input.guards.forEach((guard, index) => {
    const at = [...input.guardsAt, index, 'when'];
    const test = compileCondition(guard.when, at, { scope, rule: `no_twin[${index}]`, reads });
    const field = firstPath(guard.when) ?? '*';
    if (test) guards.push({ test, field, reason: guard.reason });
  });

  const lossy = declared(input.lossy, input.lossyAt, scope);
  const ignored: LossyField[] = input.ignore
    .filter((path, index) => checkDeclared(path, [...input.ignoreAt, index], false, scope))
    .map((field) => ({ field, reason: 'ignored' }));
  for (const entry of lossy) {
    if (input.ignore.includes(entry.field)) {
      scope.report(
        [...input.lossyAt, entry.field],
        undefined,
        `"${entry.field}" is both lossy and ignored`,
        {
          expected: 'one of the two',
          key: true,
        },
      );
    }
  }

  const accounted = [
    ...reads,
    ...input.sourceKey,
    ...lossy.map((e) => e.field),
    ...input.ignore,
    ...input.implicit.map((e) => e.field),
  ];
  const unaccounted = scope.source.leaves.filter((leaf) => !covers(accounted, leaf));
  for (const field of unaccounted) {
    const message = `source field "${field}" of ${scope.source.label} is not mapped, declared lossy or ignored`;
    const expected = `a rule reading it, an entry under "${input.declareHint}" with the reason, or a name under its "ignore:"`;
    if (input.coverage === 'warn') input.warn(`${message} (${expected})`);
    else scope.report(input.coverageAt, undefined, message, { expected, key: true });
  }

  const targets = input.rules.map((rule) => rule.target);
  const required = (REQUIRED_ON_CREATE[scope.target.platform][scope.target.entity] ?? []).filter(
    (field) => !input.targetKey.includes(field),
  );
  for (const field of required) {
    if (covers(targets, field)) continue;
    scope.report(
      input.coverageAt,
      undefined,
      `target field "${field}" is required by ${scope.target.label} on create but no rule writes it`,
      {
        expected: `a rule for "${field}"; a "const" will do`,
        key: true,
      },
    );
  }

  if (countErrors(scope) > errorsBefore) return undefined;
  const apply = buildApply({ rules: runtimeRules, guards, required, lossy });
  return {
    apply,
    fields,
    coverage: {
      mapped: [...new Set([...input.sourceKey, ...reads])].sort(),
      lossy,
      // A field written by a constant on the other side but read here is mapped, not ignored.
      ignored: [...ignored, ...input.implicit.filter((entry) => !covers(reads, entry.field))],
      unaccounted,
      targets,
      required,
    },
  };
}

const countErrors = (scope: CompileScope) => scope.errorCount();

/** The first field a condition names (looking into any/all/not): what a NO_TWIN issue is about. */
function firstPath(condition: unknown): string | undefined {
  if (Array.isArray(condition)) {
    for (const item of condition) {
      const found = firstPath(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof condition !== 'object' || condition === null) return undefined;
  for (const [key, value] of Object.entries(condition)) {
    if (!['any', 'all', 'not'].includes(key)) return key;
    const found = firstPath(value);
    if (found) return found;
  }
  return undefined;
}

function checkKeys(
  keys: readonly string[],
  catalog: EntityCatalog,
  at: YamlPath,
  scope: CompileScope,
): void {
  keys.forEach((key, index) => {
    if (catalog.fields.has(key)) return;
    const suggestion = nearest(key, catalog.fields.keys());
    scope.report([...at, index], undefined, `unknown key field "${key}" of ${catalog.label}`, {
      expected: `a field of ${catalog.label}`,
      ...(suggestion ? { suggestion } : {}),
    });
  });
}

function declared(
  entries: Readonly<Record<string, string>>,
  at: YamlPath,
  scope: CompileScope,
): LossyField[] {
  return Object.entries(entries)
    .filter(([field]) => checkDeclared(field, [...at, field], true, scope))
    .map(([field, reason]) => ({ field, reason }));
}

function checkDeclared(path: string, at: YamlPath, key: boolean, scope: CompileScope): boolean {
  if (scope.source.fields.has(path)) return true;
  const suggestion = nearest(path, scope.source.fields.keys());
  scope.report(at, undefined, `unknown source field "${path}" of ${scope.source.label}`, {
    expected: `a field of ${scope.source.label}`,
    key,
    ...(suggestion ? { suggestion } : {}),
  });
  return false;
}

/** `offer_geo` and `offer_geo.type` cannot both have rules: one would overwrite the other. */
function checkOverlaps(rules: readonly RuleInput[], scope: CompileScope): void {
  const seen = new Map<string, string>();
  for (const rule of rules) {
    for (const [other, label] of seen) {
      if (
        rule.target === other ||
        rule.target.startsWith(`${other}.`) ||
        other.startsWith(`${rule.target}.`)
      ) {
        scope.report(
          rule.at,
          rule.label,
          `writes "${rule.target}", which rule "${label}" already writes ("${other}")`,
          {
            expected: 'one rule per target field',
            key: true,
          },
        );
      }
    }
    seen.set(rule.target, rule.label);
  }
}
