// Compiles one rule (the value of one target field) into a closure. Everything that can be
// checked without a record is checked here, with the rule's position: field names against the
// platform schemas, map values and constants against the target's allowed values, defaults by a
// trial run. What is left for `apply` is reading, converting and recording issues.
import type { RuleBody } from '../dsl/index.js';
import type { YamlPath } from '../source/index.js';
import type { MappingIssue } from '../types.js';
import { nearest } from '../text/levenshtein.js';
import { coerceTo } from './coerce.js';
import { checkSourcePath, type CompileScope } from './compile-scope.js';
import { compileCondition, type Predicate } from './conditions.js';
import {
  chain,
  linkConverter,
  singleKeyConverter,
  type Convert,
  type ConvertSite,
} from './converters.js';
import { compileGetter, type Rec } from './path.js';
import { CASES_SOURCE, GATE_SOURCE, PRODUCE_SOURCE, specialize } from './specialize.js';
import { compileTemplate } from './template.js';
import {
  checkPlainCopy,
  checkTargetValue,
  compileCompute,
  compileValueConverter,
  trialDefault,
  type Evaluate,
  type RuleSite,
} from './rule-parts.js';

export type { Evaluate } from './rule-parts.js';

export const PRODUCERS = ['from', 'const', 'template', 'compute', 'cases'] as const;
export const VALUE_CONVERTERS = [
  'map',
  'decimal',
  'integer',
  'boolean',
  'date',
  'list',
  'replace',
] as const;
const RULE_ONLY_KEYS = ['sync', 'owner', 'reverse', 'cases'] as const;

/** Compiles a rule writing `target`; returns undefined (after reporting) when it has errors. */
export function compileRule(
  body: RuleBody,
  target: string,
  at: YamlPath,
  rule: string,
  scope: CompileScope,
  reads: Set<string>,
): Evaluate | undefined {
  const info = scope.target.fields.get(target);
  if (!info) {
    const suggestion = nearest(target, scope.target.fields.keys());
    scope.report(at, rule, `unknown target field "${target}" of ${scope.target.label}`, {
      expected: `a field of ${scope.target.label}`,
      key: true,
      ...(suggestion ? { suggestion } : {}),
    });
    return undefined;
  }
  const site: RuleSite = { scope, rule, target, info, reads };
  const gate =
    body.when === undefined
      ? undefined
      : compileCondition(body.when, [...at, 'when'], { scope, rule, reads });
  if (body.when !== undefined && !gate) return undefined;

  let evaluate: Evaluate | undefined;
  if (body.cases !== undefined) {
    const others = [...PRODUCERS, ...VALUE_CONVERTERS, 'single_key', 'link', 'default'].filter(
      (key) => key !== 'cases' && key in body,
    );
    if (others.length > 0) {
      scope.report([...at, others[0]!], rule, `"${others[0]}" cannot sit beside "cases"`, {
        expected: 'value keys inside each case',
        key: true,
      });
      return undefined;
    }
    evaluate = compileCases(body.cases, [...at, 'cases'], site);
  } else {
    const leaf = compileLeaf(body, at, site);
    evaluate = leaf?.produce;
  }
  if (!evaluate) return undefined;
  if (!gate) return evaluate;
  return specialize<Evaluate>(['gate', 'inner'], GATE_SOURCE, [gate, evaluate]);
}

function compileCases(
  cases: readonly RuleBody[],
  at: YamlPath,
  site: RuleSite,
): Evaluate | undefined {
  const compiled: { select: Predicate | undefined; produce: Evaluate }[] = [];
  let ok = true;
  cases.forEach((body, index) => {
    const where = [...at, index];
    const misplaced = RULE_ONLY_KEYS.find((key) => key in body);
    if (misplaced) {
      site.scope.report(
        [...where, misplaced],
        site.rule,
        `"${misplaced}" belongs on the rule, not inside a case`,
        { key: true },
      );
      ok = false;
      return;
    }
    const select =
      body.when === undefined ? undefined : compileCondition(body.when, [...where, 'when'], site);
    const leaf = compileLeaf(body, where, site);
    if ((body.when !== undefined && !select) || !leaf) ok = false;
    else compiled.push({ select, produce: leaf.produce });
  });
  if (!ok) return undefined;
  return specialize<Evaluate>(['selects', 'produces'], CASES_SOURCE, [
    compiled.map((option) => option.select),
    compiled.map((option) => option.produce),
  ]);
}

/** A rule (or case) with one value source and its converters. */
function compileLeaf(
  body: RuleBody,
  at: YamlPath,
  site: RuleSite,
): { produce: Evaluate } | undefined {
  const { scope, rule, target, info } = site;
  const producers = PRODUCERS.filter((key) => key in body && key !== 'cases');
  if (producers.length !== 1) {
    scope.report(
      producers.length === 0 ? at : [...at, producers[1]!],
      rule,
      producers.length === 0
        ? 'the rule has no value source'
        : `the rule has more than one value source (${producers.join(', ')})`,
      {
        expected: 'exactly one of from, const, template, compute, cases',
        key: producers.length > 0,
      },
    );
    return undefined;
  }
  const producer = producers[0]!;
  const converters = VALUE_CONVERTERS.filter((key) => key in body);
  if (converters.length > 1) {
    scope.report(
      [...at, converters[1]!],
      rule,
      `a rule converts its value one way; found ${converters.join(' and ')}`,
      {
        expected: `one of ${VALUE_CONVERTERS.join(', ')} (plus single_key before and link after)`,
        key: true,
      },
    );
    return undefined;
  }
  const coerce = coerceTo(info.kind, target);

  if (producer === 'const') return compileConst(body, at, site);

  const input = producer === 'from' ? body.from! : producer;
  const convertSite: ConvertSite = {
    field: target,
    input,
    sourcePlatform: scope.sourcePlatform,
    targetPlatform: scope.targetPlatform,
  };
  let read: (record: Rec, issues: MappingIssue[]) => unknown;
  if (producer === 'from') {
    if (!checkSourcePath(scope, body.from!, [...at, 'from'], rule)) return undefined;
    site.reads.add(body.from!);
    read = compileGetter(body.from!);
  } else if (producer === 'template') {
    const template = compileTemplate(body.template!, [...at, 'template'], site);
    if (!template) return undefined;
    read = template;
  } else {
    if (converters.length > 0 && converters[0] !== 'decimal') {
      scope.report(
        [...at, converters[0]!],
        rule,
        '"compute" gives a decimal; only "decimal" options apply to it',
        { key: true },
      );
      return undefined;
    }
    const computed = compileCompute(body, at, site, convertSite);
    if (!computed) return undefined;
    read = computed;
  }

  const steps: Convert[] = [];
  if (body.single_key) steps.push(singleKeyConverter(convertSite));
  if (producer !== 'compute') {
    const converter = compileValueConverter(body, at, site, convertSite);
    if (converter === null) return undefined;
    if (converter) steps.push(converter);
  }
  if (body.link) steps.push(linkConverter(body.link, convertSite));
  const convert = chain(steps);
  const fallback = body.default;

  // Most values already have the target's type: test it inline and call coerce only when not.
  const expectedType =
    info.kind === 'string' || info.kind === 'number' || info.kind === 'boolean'
      ? info.kind
      : undefined;
  const produce = specialize<Evaluate>(
    ['read', 'fallback', 'convert', 'coerce', 'expectedType'],
    PRODUCE_SOURCE,
    [read, fallback, convert, coerce, expectedType],
  );
  if (fallback !== undefined && !trialDefault(produce, [...at, 'default'], site)) return undefined;
  if (producer === 'from' && converters.length === 0 && !body.link && !body.single_key)
    checkPlainCopy(body.from!, at, site);
  return { produce };
}

function compileConst(
  body: RuleBody,
  at: YamlPath,
  site: RuleSite,
): { produce: Evaluate } | undefined {
  const { scope, rule } = site;
  const extra = [...VALUE_CONVERTERS, 'single_key', 'link', 'default'].find((key) => key in body);
  if (extra) {
    scope.report(
      [...at, extra],
      rule,
      `"${extra}" does not apply to a constant (it is written as given)`,
      { key: true },
    );
    return undefined;
  }
  const parsed = checkTargetValue(body.const, [...at, 'const'], site);
  if (!parsed.ok) return undefined;
  const value = parsed.value;
  // Lists and objects are copied so that no caller can change the compiled constant.
  if (Array.isArray(value)) return { produce: () => [...(value as unknown[])] };
  if (typeof value === 'object' && value !== null)
    return { produce: () => ({ ...(value as Rec) }) };
  return { produce: () => value };
}
