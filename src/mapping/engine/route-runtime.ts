// Puts a route's compiled pieces together into its `apply`: guards, rules, required check,
// lossy report. Pure and total: a bad record gives issues, never an exception.
//
// The glue is generated once per route as one function that calls each rule's closure from a
// call site of its own. A loop over the rules would call twenty different closures from one
// call site, which V8 cannot inline; this way each site sees one target. Only names of bound
// closures and fixed code go into the generated text: field names, messages and reasons are
// bound values, never source text.
import type { ApplyContext, LossyField, MappingResult, PlatformRecord } from '../types.js';
import { carriesValue } from '../values/presence.js';
import type { Evaluate } from './compile-rule.js';
import type { Predicate } from './conditions.js';
import { compileGetter, compileSetter } from './path.js';
import { compileFunction } from './specialize.js';

export interface RuntimeRule {
  target: string;
  evaluate: Evaluate;
}

export interface RuntimeGuard {
  /** True when the record has no twin on the other platform. */
  test: Predicate;
  /** The source field the guard is about (the issue's `field`). */
  field: string;
  reason: string;
}

export interface RuntimeParts {
  rules: readonly RuntimeRule[];
  guards: readonly RuntimeGuard[];
  /** Target fields the platform needs on create. */
  required: readonly string[];
  lossy: readonly LossyField[];
}

export type ApplyFunction = (record: PlatformRecord, ctx: ApplyContext) => MappingResult;

export function buildApply(parts: RuntimeParts): ApplyFunction {
  const names: string[] = [];
  const values: unknown[] = [];
  const bind = (value: unknown): string => {
    const name = `k${names.length}`;
    names.push(name);
    values.push(value);
    return name;
  };
  const carries = bind(carriesValue);
  const body: string[] = [];
  for (const guard of parts.guards) {
    const issue = bind({ field: guard.field, code: 'NO_TWIN', message: guard.reason });
    body.push(
      `if (${bind(guard.test)}(record)) { issues.push({ ...${issue} }); return { value: {}, issues, lossy: [] }; }`,
    );
  }
  body.push('const value = {};', 'let v;');
  for (const rule of parts.rules) {
    body.push(
      `v = ${bind(rule.evaluate)}(record, ctx, issues); if (v !== undefined) ${bind(compileSetter(rule.target))}(value, v);`,
    );
  }
  for (const field of parts.required) {
    // A field that failed to convert already has its issue: one problem, one issue.
    const name = bind(field);
    const issue = bind({
      field,
      code: 'REQUIRED_MISSING',
      message: `${field} is required to create the record but the source has no value for it`,
    });
    body.push(
      `if (${bind(compileGetter(field))}(value) === undefined && !issues.some((i) => i.field === ${name})) issues.push({ ...${issue} });`,
    );
  }
  body.push('const lossy = [];');
  for (const entry of parts.lossy) {
    body.push(
      `if (${carries}(${bind(compileGetter(entry.field))}(record))) lossy.push({ ...${bind(entry)} });`,
    );
  }
  body.push('return { value, issues, lossy };');

  const source = `return function apply(record, ctx) {
  const issues = [];
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    issues.push({ field: '*', code: 'INVALID_VALUE', message: 'the record is not an object' });
    return { value: {}, issues, lossy: [] };
  }
  try {
    ${body.join('\n    ')}
  } catch (error) {
    // Unreachable by design (every converter reports instead of throwing); kept so that apply stays total.
    issues.push({ field: '*', code: 'INTERNAL', message: 'mapping failed: ' + (error instanceof Error ? error.message : String(error)) });
    return { value: {}, issues, lossy: [] };
  }
};`;
  return compileFunction(names, source)(...values) as ApplyFunction;
}
