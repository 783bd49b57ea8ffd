// Puts a route's compiled pieces together into its `apply`: guards, rules, required check,
// lossy report. Pure and total: a bad record gives issues, never an exception.
import type {
  ApplyContext,
  LossyField,
  MappingIssue,
  MappingResult,
  PlatformRecord,
} from '../types.js';
import { carriesValue } from '../values/presence.js';
import type { Evaluate } from './compile-rule.js';
import type { Predicate } from './conditions.js';
import { compileGetter, compileSetter, type Getter, type Rec, type Setter } from './path.js';

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
  const rules: { evaluate: Evaluate; set: Setter }[] = parts.rules.map((rule) => ({
    evaluate: rule.evaluate,
    set: compileSetter(rule.target),
  }));
  const guards = parts.guards;
  const required: { field: string; get: Getter }[] = parts.required.map((field) => ({
    field,
    get: compileGetter(field),
  }));
  const lossy: { field: string; reason: string; get: Getter }[] = parts.lossy.map((entry) => ({
    ...entry,
    get: compileGetter(entry.field),
  }));

  return (record, ctx) => {
    const issues: MappingIssue[] = [];
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      issues.push({ field: '*', code: 'INVALID_VALUE', message: 'the record is not an object' });
      return { value: {}, issues, lossy: [] };
    }
    try {
      for (const guard of guards) {
        if (guard.test(record)) {
          issues.push({ field: guard.field, code: 'NO_TWIN', message: guard.reason });
          return { value: {}, issues, lossy: [] };
        }
      }
      const value: Rec = {};
      for (const rule of rules) {
        const out = rule.evaluate(record, ctx, issues);
        if (out !== undefined) rule.set(value, out);
      }
      for (const entry of required) {
        if (entry.get(value) !== undefined) continue;
        // A field that failed to convert already has its issue; one problem, one issue.
        if (issues.some((issue) => issue.field === entry.field)) continue;
        issues.push({
          field: entry.field,
          code: 'REQUIRED_MISSING',
          message: `${entry.field} is required to create the record but the source has no value for it`,
        });
      }
      const found: LossyField[] = [];
      for (const entry of lossy) {
        if (carriesValue(entry.get(record)))
          found.push({ field: entry.field, reason: entry.reason });
      }
      return { value, issues, lossy: found };
    } catch (error) {
      // Unreachable by design (every converter reports instead of throwing); kept so that `apply` stays total.
      issues.push({
        field: '*',
        code: 'INTERNAL',
        message: `mapping failed: ${(error as Error).message}`,
      });
      return { value: {}, issues, lossy: [] };
    }
  };
}
