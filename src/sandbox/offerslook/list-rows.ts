// The platform's list semantics over in-memory rows: `filters[field][OPERATOR]=value` (or
// `filters[field]=value`, EQUAL_TO), `sort=field,-field` (`%2Bfield` too; a raw `+` arrives as a
// space and names no field), `fields=a,b`, and 1-based page numbers in `offset` (default 1,
// limit default 20, at most 1000, or 100 on `/v1/batches/...`). Rows are filtered and sorted as
// stored, then each row of the page is presented (the answer switches) and projected. Unknown
// fields and operators are refused with a 422.
import { Decimal } from 'decimal.js';
import { listQuerySchema, type FilterOperator } from '../../platforms/offerslook/wire/index.js';
import { invalid, parseOr422 } from './http-error.js';

const DEFAULT_LIMIT = 20;

type Row = Record<string, unknown>;

export interface ListData {
  rowset: Row[];
  totalPages: number;
  totalRows: number;
  offset: number;
  limit: number;
}

export interface ListOptions {
  /** The most rows a page may have. @defaultValue 1000 */
  maxLimit?: number;
  /** Writes one row of the page as the answer carries it. @defaultValue the row as it is */
  present?: (row: Row) => Row;
}

/** Answers a list request over `rows`; `known` are the fields a query may name. */
export function listRows(
  rows: readonly Row[],
  rawQuery: unknown,
  known: readonly string[],
  options: ListOptions = {},
): ListData {
  const query = parseOr422(listQuerySchema, rawQuery);
  const maxLimit = options.maxLimit ?? 1000;
  if (query.limit !== undefined && query.limit > maxLimit)
    throw invalid('limit', `limit is at most ${maxLimit} here`);
  const present = options.present ?? ((row: Row) => row);
  const knownFields = new Set(known);
  const check = (field: string, where: string) => {
    if (!knownFields.has(field)) throw invalid(where, `unknown field ${field}`);
  };

  let selected = [...rows];
  for (const [field, conditions] of Object.entries(query.filters ?? {})) {
    check(field, `filters[${field}]`);
    for (const [operator, value] of Object.entries(conditions) as [FilterOperator, string][]) {
      selected = selected.filter((row) => matches(row[field], operator, value));
    }
  }

  const keys = (query.sort ?? '+id').split(',').map((key) => {
    const descending = key.startsWith('-');
    const field = key.replace(/^[+-]/, '');
    check(field, 'sort');
    return { field, descending };
  });
  selected.sort((a, b) => {
    for (const { field, descending } of keys) {
      const order = compare(a[field], b[field]);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });

  const fields = query.fields?.split(',');
  fields?.forEach((field) => check(field, 'fields'));
  const offset = query.offset ?? 1;
  const limit = query.limit ?? DEFAULT_LIMIT;
  const page = selected.slice((offset - 1) * limit, offset * limit).map(present);
  return {
    rowset: fields
      ? page.map((row) => Object.fromEntries(fields.map((field) => [field, row[field]])))
      : page,
    totalPages: Math.ceil(selected.length / limit),
    totalRows: selected.length,
    offset,
    limit,
  };
}

function matches(actual: unknown, operator: FilterOperator, expected: string): boolean {
  if (actual === undefined || actual === null)
    return operator === 'NOT_EQUAL_TO' || operator === 'NOT_CONTAINS';
  const text = textOf(actual);
  switch (operator) {
    case 'EQUAL_TO':
      return text === expected;
    case 'NOT_EQUAL_TO':
      return text !== expected;
    case 'CONTAINS':
      return text.toLowerCase().includes(expected.toLowerCase());
    case 'NOT_CONTAINS':
      return !text.toLowerCase().includes(expected.toLowerCase());
    case 'GREATER_THAN':
      return compare(actual, expected) > 0;
    case 'GREATER_THAN_OR_EQUAL_TO':
      return compare(actual, expected) >= 0;
    case 'LESS_THAN':
      return compare(actual, expected) < 0;
    case 'LESS_THAN_OR_EQUAL_TO':
      return compare(actual, expected) <= 0;
  }
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Numbers and decimal text compare exactly as numbers, anything else as text. */
function compare(a: unknown, b: unknown): number {
  const x = textOf(a);
  const y = textOf(b);
  if (DECIMAL.test(x) && DECIMAL.test(y)) return new Decimal(x).comparedTo(y);
  return x.localeCompare(y);
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
