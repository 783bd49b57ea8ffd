// Every rule's output is brought into the JavaScript kind the target record schema parses to:
// Offerslook flags and unix times are numbers, Offerit values and all ids are text.
import type { ValueKind } from '../catalog/index.js';
import type { MappingIssue } from '../types.js';
import { parseBoolean } from '../values/booleans.js';
import { decimalText } from '../values/decimal.js';

export type Coerce = (value: unknown, issues: MappingIssue[]) => unknown;

export function coerceTo(kind: ValueKind, field: string): Coerce | undefined {
  const fail = (value: unknown, issues: MappingIssue[], what: string) => {
    issues.push({
      field,
      code: 'INVALID_VALUE',
      message: `${JSON.stringify(value)} is not ${what} (as ${field} needs)`,
    });
    return undefined;
  };
  switch (kind) {
    case 'string':
      return (value, issues) => {
        if (typeof value === 'string') return value;
        if (typeof value === 'number') return decimalText(value) ?? String(value);
        if (typeof value === 'boolean') return value ? '1' : '0';
        return fail(value, issues, 'text');
      };
    case 'number':
      return (value, issues) => {
        if (typeof value === 'number') return value;
        if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
        if (typeof value === 'boolean') return value ? 1 : 0;
        return fail(value, issues, 'a number');
      };
    case 'boolean':
      return (value, issues) => parseBoolean(value) ?? fail(value, issues, 'true or false');
    case 'array':
      return (value, issues) =>
        Array.isArray(value) ? [...(value as unknown[])] : fail(value, issues, 'a list');
    default:
      return undefined;
  }
}
