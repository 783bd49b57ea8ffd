// Turns zod issues on request parameters into the one-line messages a PHP endpoint would give:
// the parameter named in bracket notation (`goal_vars[0][name]`), then what is wrong.
import type { z } from 'zod';

export function formatParamIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const lines = issues.map((issue) => {
    const name = bracketPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => bracketPath([...issue.path, key]));
      return `unknown parameter${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`;
    }
    if (name !== '' && valueAt(input, issue.path) === undefined)
      return `missing required parameter ${name}`;
    return name === '' ? issue.message : `invalid ${name}: ${issue.message}`;
  });
  return [...new Set(lines)].join('; ');
}

function bracketPath(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return head === undefined ? '' : head + rest.map((part) => `[${part}]`).join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
