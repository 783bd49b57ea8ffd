// Every Offerslook answer is `{code, message, data}`; `code` other than 0 is a failure whatever
// the HTTP status. Lists put their rows in `data.rowset` with 1-based page numbers in `offset`.
import { z } from 'zod';
import { wireInt, wireText } from '../../wire-values.js';

export const envelopeSchema = z.looseObject({
  code: wireInt,
  message: wireText.optional(),
  data: z.unknown().optional(),
});
export type Envelope = z.output<typeof envelopeSchema>;

/** The envelope of a failure: what the platform (and the sandbox) answers with a 4xx/5xx. */
export const failureEnvelopeSchema = z.looseObject({
  code: wireInt.refine((code) => code !== 0, { error: 'a failure has a non-zero code' }),
  message: wireText,
});

/**
 * `data` of a list. `rowset` may come back `null` when empty; the counters are read when present
 * (a reader stops on an empty page either way).
 */
export function listDataSchema<Row extends z.ZodType>(row: Row) {
  return z.looseObject({
    rowset: z
      .array(row)
      .nullable()
      .transform((rows) => rows ?? []),
    totalPages: wireInt.optional(),
    totalRows: wireInt.optional(),
    /** The page number, from 1. */
    offset: wireInt.optional(),
    limit: wireInt.optional(),
  });
}

/** One page of a list, as the client hands it on. */
export interface ListPage<Row> {
  rows: Row[];
  /** The page number, from 1. */
  offset: number;
  limit: number;
  totalPages: number | undefined;
  totalRows: number | undefined;
}

/** Operators of `filters[field][OPERATOR]=value`. */
export const FILTER_OPERATORS = [
  'EQUAL_TO',
  'NOT_EQUAL_TO',
  'CONTAINS',
  'NOT_CONTAINS',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL_TO',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** `{ offer_id: { EQUAL_TO: 7 } }` is sent as `filters[offer_id][EQUAL_TO]=7`. */
export type ListFilters = Record<string, Partial<Record<FilterOperator, string | number>>>;

/** The common list parameters. */
export interface ListQuery {
  /** Page number, from 1. @defaultValue 1 */
  offset?: number;
  /**
   * Rows per page, at most 1000 (100 on `/v1/batches/...`).
   * @defaultValue the platform's 20, or the client's pageSize when iterating
   */
  limit?: number;
  /** `id`, `+id`, `-update_time`; several joined by commas. A `+` goes out as no sign at all. */
  sort?: string;
  fields?: readonly string[];
  filters?: ListFilters;
  /** `/v1/batches/...` only: the sub-resources each row nests, sent as one comma list. */
  contains?: readonly string[];
}

/** `filters[field]=v` (no operator, = EQUAL_TO, as real clients send it) or `filters[field][OP]=v`. */
const filterSchema = z
  .union([z.string(), z.partialRecord(z.enum(FILTER_OPERATORS), z.string())])
  .transform((filter) => (typeof filter === 'string' ? { EQUAL_TO: filter } : filter));

/**
 * The wire form of list parameters, as a server reads a query string (brackets raw or encoded):
 * a schema the sandbox checks incoming queries with. A literal `+` in a query string decodes to a
 * space, so `sort=+id` sent raw arrives as `" id"`: a server sees no field named that, and neither
 * does this schema (send `sort=id` or `sort=%2Bid`).
 */
export const listQuerySchema = z.strictObject({
  offset: wireInt
    .pipe(z.number().int().min(1, { error: 'offset is a page number from 1' }))
    .optional(),
  limit: wireInt
    .pipe(z.number().int().min(1).max(1000, { error: 'limit is at most 1000' }))
    .optional(),
  sort: z
    .string()
    .regex(/^[+-]?[a-z_]+(,[+-]?[a-z_]+)*$/, {
      error: 'expected sort=field, -field or %2Bfield (a raw + in a query string is a space)',
    })
    .optional(),
  fields: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, { error: 'expected fields=a,b' })
    .optional(),
  filters: z.record(z.string(), filterSchema).optional(),
  /** Sent more than once, the last one counts (as on the platform). */
  contains: z
    .union([z.string(), z.array(z.string()).min(1)])
    .transform((value) => (typeof value === 'string' ? value : value[value.length - 1]!))
    .pipe(z.string().regex(/^[a-z_]+(,[a-z_]+)*$/, { error: 'expected contains=a,b' }))
    .optional(),
});
