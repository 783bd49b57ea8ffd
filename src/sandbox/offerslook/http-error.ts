// The sandbox's failures: an HTTP status and the platform's `{code, message}` envelope. Handlers
// throw these; the one Fastify adapter turns them into answers.
import type { z } from 'zod';

export class SandboxHttpError extends Error {
  override readonly name = 'SandboxHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 422 naming the field, as the platform does for a missing field or an unknown enum value. */
export function invalid(field: string, problem: string): SandboxHttpError {
  return new SandboxHttpError(422, `${field}: ${problem}`);
}

export function notFound(what: string): SandboxHttpError {
  return new SandboxHttpError(404, `${what} not found`);
}

/** Parses `input` or throws a 422 that names the first offending field. */
export function parseOr422<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  root = '',
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new SandboxHttpError(422, 'invalid request');
  const path = [root, ...issue.path.map(String)].filter((part) => part !== '').join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => (path ? `${path}.${key}` : key));
    throw new SandboxHttpError(422, `${keys.join(', ')}: unknown field`);
  }
  const missing = issue.path.length > 0 && valueAt(input, issue.path) === undefined;
  const problem = missing ? 'is required' : issue.message;
  throw new SandboxHttpError(422, `${path || 'body'}: ${problem}`);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
