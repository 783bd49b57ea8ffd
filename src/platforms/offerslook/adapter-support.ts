// Small shared pieces of the Offerslook adapter: record checks in both directions, the errors
// they raise, and NOT_FOUND read as "absent".
import type { z } from 'zod';
import type { EntityKey, EntityKind, PlatformRecord } from '../../vocabulary/index.js';
import { PlatformError, isPlatformError } from '../errors.js';

export const PLATFORM = 'offerslook';

/**
 * Validates a record handed out; a mismatch means the platform answered something unexpected.
 * Fields read as `undefined` (a `null` time) are left out, so a view has one shape whichever
 * answer it came from.
 */
export function checked(schema: z.ZodType, value: unknown, kind: EntityKind): PlatformRecord {
  const result = schema.safeParse(value);
  if (result.success) return compact(result.data) as PlatformRecord;
  throw new PlatformError('PROTOCOL', `${PLATFORM} ${kind} record: ${firstIssue(result.error)}`, {
    platform: PLATFORM,
    operation: `read ${kind}`,
  });
}

/** Validates a record handed in; a mismatch is a permanent VALIDATION error before any request. */
export function fits(schema: z.ZodType, record: unknown, operation: string): void {
  const result = schema.safeParse(record);
  if (!result.success) throw invalidRecord(operation, firstIssue(result.error));
}

export function invalidRecord(operation: string, problem: string): PlatformError {
  return new PlatformError('VALIDATION', `${PLATFORM} ${operation}: ${problem}`, {
    platform: PLATFORM,
    operation,
    platformMessage: problem,
  });
}

export function readOnly(operation: string): PlatformError {
  return invalidRecord(
    `${operation} affiliate`,
    'Offerslook affiliates are read only here (matched by e-mail)',
  );
}

/** A copy without `undefined` properties, at any depth (arrays keep their length). */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    if (inner !== undefined) out[key] = compact(inner);
  return out;
}

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'invalid record';
}

export function requireOfferId(key: EntityKey): string {
  if (key.offerId === undefined)
    throw invalidRecord(`${key.kind} ${key.id}`, 'the key needs an offerId');
  return key.offerId;
}

export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export async function orUndefinedIfMissing<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isPlatformError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

export async function* orNothingIfMissing<T>(rows: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* rows;
  } catch (error) {
    if (isPlatformError(error) && error.code === 'NOT_FOUND') return;
    throw error;
  }
}
