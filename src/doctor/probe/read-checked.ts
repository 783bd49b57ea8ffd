// Reads a raw answer with the client's own schema and, when it does not fit, says where and what
// shape was found there: the issue's words and a shape description, never the value itself.
import type { z } from 'zod';
import { describeShape } from './shape.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Where a schema's issue path points in the raw answer, and the value found there. */
export type Locate = (path: readonly PropertyKey[]) => { where: string; value: unknown };

export function readChecked<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  locate: Locate,
): Checked<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: issueProblem(parsed.error.issues, locate) };
}

/** The first issue as `<what is wrong> (<where>: <shape found>)`. */
export function issueProblem(issues: readonly z.core.$ZodIssue[], locate: Locate): string {
  const issue = issues[0];
  if (!issue) return 'the answer does not fit the client schema';
  const { where, value } = locate(issue.path);
  const what = issue.code === 'invalid_union' ? 'not of a form the client reads' : issue.message;
  const more =
    issues.length > 1 ? `; ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''}` : '';
  return `${what} (${where}: ${describeShape(value)})${more}`;
}
