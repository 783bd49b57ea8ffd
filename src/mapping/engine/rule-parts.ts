// The checked parts of a leaf rule: its value converter (map, decimal, ... with load-time
// checks of map keys and values), compute expressions, constants checked against the target
// schema, and the trial run that proves a default converts.
import type { FieldInfo } from '../catalog/index.js';
import type { RuleBody } from '../dsl/index.js';
import type { YamlPath } from '../source/index.js';
import { nearest } from '../text/levenshtein.js';
import type { ApplyContext, MappingIssue } from '../types.js';
import { compileExpression, parseExpression } from '../values/expression.js';
import { scalarKey } from '../values/presence.js';
import { checkSourcePath, type CompileScope } from './compile-scope.js';
import {
  booleanConverter,
  dateConverter,
  decimalConverter,
  decimalFormatter,
  integerConverter,
  listConverter,
  mapConverter,
  replaceConverter,
  unsetForms,
  type Convert,
  type ConvertSite,
} from './converters.js';
import { compileGetter, type Rec } from './path.js';

/** Evaluates a rule against a source record: the target value, or undefined to set nothing. */
export type Evaluate = (record: Rec, ctx: ApplyContext, issues: MappingIssue[]) => unknown;

/** What every step of compiling one rule needs to know and report against. */
export interface RuleSite {
  scope: CompileScope;
  rule: string;
  target: string;
  info: FieldInfo;
  reads: Set<string>;
}

/** Checks a value the rule would write with the target field's own schema; returns the parsed form. */
export function checkTargetValue(
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
export function compileValueConverter(
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

export function compileCompute(
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
export function trialDefault(produce: Evaluate, at: YamlPath, site: RuleSite): boolean {
  const issues: MappingIssue[] = [];
  produce({}, { now: new Date(0), resolve: (_kind, id) => id }, issues);
  for (const issue of issues)
    site.scope.report(at, site.rule, `the default does not convert: ${issue.message}`);
  return issues.length === 0;
}

/** A plain copy between two closed enums must not carry values the target refuses. */
export function checkPlainCopy(from: string, at: YamlPath, site: RuleSite): void {
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
