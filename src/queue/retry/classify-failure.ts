// Decides what a failed job does next, from the error alone. Pure: the processor wrapper acts
// on the answer (pause, throw for backoff, or fail for good).
import { UnrecoverableError } from 'bullmq';
import { failureReason, isOfferSyncError, oneLine } from '../../errors/index.js';
import { RETRYABLE, isPlatformError, type PlatformError } from '../../platforms/errors.js';

export type FailureAction = 'backoff' | 'rate-limited' | 'permanent';

export interface FailureClass {
  action: FailureAction;
  /** For `rate-limited`: how long the network asked us to wait (Retry-After), in milliseconds. */
  delayMs?: number;
  /** Stable code: a PlatformError code, or one of NON_PLATFORM_CODES. */
  code: string;
  /** One line for job failure reasons and dead letters; carries the platform's own message. */
  reason: string;
}

/** Codes for failures that are not PlatformErrors. */
export const NON_PLATFORM_CODES = {
  /** A payload or record failed a schema (zod): retrying reads the same bad data. */
  invalidData: 'INVALID_DATA',
  /** Redis or the network under us hiccupped: nothing is wrong with the job itself. */
  infrastructure: 'INFRASTRUCTURE',
  /** Already marked unrecoverable by whoever threw it. */
  unrecoverable: 'UNRECOVERABLE',
  /** Anything else is a bug: retrying a bug only repeats it. */
  bug: 'BUG',
} as const;

/** System and client error codes that mean "try again later" when they escape a processor. */
const INFRASTRUCTURE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** ioredis errors raised while Redis is unreachable. */
const INFRASTRUCTURE_NAMES = new Set(['MaxRetriesPerRequestError', 'ConnectionClosedError']);

export function classifyFailure(error: unknown): FailureClass {
  if (isPlatformError(error)) return classifyPlatformError(error);
  // Our own errors say what they are: their code, and whether trying again can help.
  if (isOfferSyncError(error)) {
    return {
      action: error.retryable ? 'backoff' : 'permanent',
      code: error.code,
      reason: failureReason(error),
    };
  }
  const { name, message, code } = describe(error);
  if (error instanceof UnrecoverableError || name === 'UnrecoverableError') {
    return {
      action: 'permanent',
      code: NON_PLATFORM_CODES.unrecoverable,
      reason: oneLine(message),
    };
  }
  if (name === 'ZodError' || name === '$ZodError') {
    return { action: 'permanent', code: NON_PLATFORM_CODES.invalidData, reason: oneLine(message) };
  }
  // ioredis and Node raise plain errors while Redis or the network under us is away; ioredis's
  // "Connection is closed." has neither a class nor a code of its own, so its text is all there is.
  if (
    INFRASTRUCTURE_NAMES.has(name) ||
    (code !== undefined && INFRASTRUCTURE_CODES.has(code)) ||
    message === 'Connection is closed.'
  ) {
    return {
      action: 'backoff',
      code: code ?? NON_PLATFORM_CODES.infrastructure,
      reason: oneLine(message),
    };
  }
  return {
    action: 'permanent',
    code: NON_PLATFORM_CODES.bug,
    reason: oneLine(`${name}: ${message}`),
  };
}

function classifyPlatformError(error: PlatformError): FailureClass {
  const reason = failureReason(error);
  if (error.code === 'RATE_LIMITED') {
    const result: FailureClass = { action: 'rate-limited', code: error.code, reason };
    if (error.retryAfterMs !== undefined) result.delayMs = error.retryAfterMs;
    return result;
  }
  return { action: RETRYABLE[error.code] ? 'backoff' : 'permanent', code: error.code, reason };
}

function describe(error: unknown): { name: string; message: string; code: string | undefined } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      code: typeof code === 'string' ? code : undefined,
    };
  }
  return { name: typeof error, message: String(error), code: undefined };
}
