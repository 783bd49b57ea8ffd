// Compiles one rule (the value of one target field) into a closure. Everything that can be
// checked without a record is checked here, with the rule's position: field names against the
// platform schemas, map values and constants against the target's allowed values, defaults by a
// trial run. What is left for `apply` is reading, converting and recording issues.
import type { FieldInfo } from '../catalog/index.js';
import type { RuleBody } from '../dsl/index.js';
import type { YamlPath } from '../source/index.js';
import { nearest } from '../text/levenshtein.js';
import type { ApplyContext, MappingIssue } from '../types.js';
import { compileExpression, parseExpression } from '../values/expression.js';
import { scalarKey } from '../values/presence.js';
import { coerceTo } from './coerce.js';
import { checkSourcePath, type CompileScope } from './compile-scope.js';
import { compileCondition, type Predicate } from './conditions.js';
import {
  booleanConverter,
  chain,
  dateConverter,
  decimalConverter,
  decimalFormatter,
  integerConverter,
  linkConverter,
  listConverter,
  mapConverter,
  replaceConverter,
  singleKeyConverter,
  unsetForms,
  type Convert,
  type ConvertSite,
} from './converters.js';
import { compileGetter, type Rec } from './path.js';
import { CASES_SOURCE, GATE_SOURCE, PRODUCE_SOURCE, specialize } from './specialize.js';
import { compileTemplate } from './template.js';

/** Evaluates a rule against a source record: the target value, or undefined to set nothing. */
export type Evaluate = (record: Rec, ctx: ApplyContext, issues: MappingIssue[]) => unknown;

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

interface RuleSite {
  scope: CompileScope;
  rule: string;
  target: string;
  info: FieldInfo;
  reads: Set<string>;
}

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

/** Checks a value the rule would write with the target field's own schema; returns the parsed form. */
function checkTargetValue(
  value: unknown,
  at: YamlPath,
  site: RuleSite,
): { ok: true; value: unknown } | { ok: false } {
  const { scope, rule, info, target } = site;
  const parsed = info.schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const allowed = info.enumValues?.filter((item) => item !== '');
  const suggestion =
    allowed && typeof value === 'string' ? nearest(value, allowed.map(String)) : undefined;
  scope.report(
    at,
    rule,
    `${JSON.stringify(value)} is not allowed in ${scope.target.label} field "${target}"`,
    {
      expected: allowed
        ? `one of ${allowed.map(String).join(', ')}`
        : `a ${info.kind === 'any' ? 'value' : info.kind} the platform accepts`,
      ...(suggestion ? { suggestion } : {}),
    },
  );
  return { ok: false };
}

/** The one value converter of a leaf: a Convert, undefined for none, or null after an error. */
function compileValueConverter(
  body: RuleBody,
  at: YamlPath,
  site: RuleSite,
  convertSite: ConvertSite,
): Convert | undefined | null {
  const { scope, rule } = site;
  if (body.map !== undefined) return compileMap(body, at, site, convertSite);
  if (body.decimal !== undefined)
    return decimalConverter(body.decimal === true ? {} : body.decimal, convertSite);
  if (body.integer) return integerConverter(convertSite);
  if (body.boolean !== undefined)
    return booleanConverter(body.boolean === true ? undefined : body.boolean, convertSite);
  if (body.date !== undefined) return dateConverter(body.date, convertSite);
  if (body.list !== undefined)
    return listConverter(body.list === true ? {} : body.list, convertSite);
  if (body.replace !== undefined) {
    if (typeof body.replace !== 'string') return replaceConverter(body.replace, convertSite);
    const table = scope.tables[body.replace];
    if (table) return replaceConverter(table, convertSite);
    const suggestion = nearest(body.replace, Object.keys(scope.tables));
    scope.report([...at, 'replace'], rule, `unknown table "${body.replace}"`, {
      expected:
        Object.keys(scope.tables).length > 0
          ? `one of ${Object.keys(scope.tables).join(', ')}`
          : 'a table declared under "tables:"',
      ...(suggestion ? { suggestion } : {}),
    });
    return null;
  }
  return undefined;
}

function compileMap(
  body: RuleBody,
  at: YamlPath,
  site: RuleSite,
  convertSite: ConvertSite,
): Convert | null {
  const { scope, rule } = site;
  const table = new Map<string, unknown>();
  let ok = true;
  const sourceInfo = body.from === undefined ? undefined : scope.source.fields.get(body.from);
  const sourceValues = sourceInfo?.enumValues?.map((item) => scalarKey(item)!);
  for (const [key, value] of Object.entries(body.map!)) {
    if (sourceValues && !sourceValues.includes(key)) {
      const suggestion = nearest(
        key,
        sourceValues.filter((item) => item !== ''),
      );
      scope.report(
        [...at, 'map', key],
        rule,
        `"${key}" is never a value of ${scope.source.label} field "${body.from}"`,
        {
          expected: `one of ${sourceValues.filter((item) => item !== '').join(', ')}`,
          key: true,
          ...(suggestion ? { suggestion } : {}),
        },
      );
      ok = false;
    }
    // Converters after the map (link) take the map's output as their input; only check what is written as is.
    const parsed = body.link
      ? { ok: true as const, value }
      : checkTargetValue(value, [...at, 'map', key], site);
    if (parsed.ok) table.set(key, parsed.value);
    else ok = false;
  }
  return ok ? mapConverter(table, convertSite) : null;
}

function compileCompute(
  body: RuleBody,
  at: YamlPath,
  site: RuleSite,
  convertSite: ConvertSite,
): ((record: Rec, issues: MappingIssue[]) => unknown) | undefined {
  const { scope, rule } = site;
  const parsed = parseExpression(body.compute!);
  if (!parsed.ok) {
    scope.report([...at, 'compute'], rule, `cannot read the expression: ${parsed.reason}`, {
      expected: 'decimal arithmetic such as "revenue * 0.8" (+ - * / and parentheses)',
    });
    return undefined;
  }
  let ok = true;
  for (const field of parsed.fields) {
    if (checkSourcePath(scope, field, [...at, 'compute'], rule)) site.reads.add(field);
    else ok = false;
  }
  if (!ok) return undefined;
  const options = body.decimal === undefined || body.decimal === true ? {} : body.decimal;
  const format = decimalFormatter(options);
  const { isSourceUnset, targetForm } = unsetForms(options.unset, convertSite);
  const isUnset = (value: unknown) => value === undefined || value === null || isSourceUnset(value);
  const evaluate = compileExpression(parsed.node, compileGetter, isUnset);
  const field = site.target;
  return (record, issues) => {
    let failed = false;
    const result = evaluate(record, (reason) => {
      failed = true;
      issues.push({ field, code: 'INVALID_DECIMAL', message: `compute: ${reason}` });
    });
    if (failed) return undefined;
    if (result === undefined) return targetForm;
    return format(result.toFixed());
  };
}

/** A default is a source-side value: run it through the rule once, at load, to prove it converts. */
function trialDefault(produce: Evaluate, at: YamlPath, site: RuleSite): boolean {
  const issues: MappingIssue[] = [];
  produce({}, { now: new Date(0), resolve: (_kind, id) => id }, issues);
  for (const issue of issues)
    site.scope.report(at, site.rule, `the default does not convert: ${issue.message}`);
  return issues.length === 0;
}

/** A plain copy between two closed enums must not carry values the target refuses. */
function checkPlainCopy(from: string, at: YamlPath, site: RuleSite): void {
  const { scope, rule, info, target } = site;
  const sourceValues = scope.source.fields.get(from)?.enumValues;
  const targetValues = info.enumValues;
  if (!sourceValues || !targetValues) return;
  const targetKeys = new Set(targetValues.map((item) => scalarKey(item)));
  const missing = sourceValues.filter((item) => item !== '' && !targetKeys.has(scalarKey(item)));
  if (missing.length === 0) return;
  scope.report(
    [...at, 'from'],
    rule,
    `${missing.map(String).join(', ')} of "${from}" are not allowed in "${target}"`,
    {
      expected: `a "map:" onto ${targetValues
        .filter((item) => item !== '')
        .map(String)
        .join(', ')}`,
    },
  );
}
