// Decides what a failed job does next, from the error alone. Pure: the processor wrapper acts
// on the answer (pause, throw for backoff, or fail for good).
import { UnrecoverableError } from 'bullmq';
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

const MAX_REASON_LENGTH = 500;

export function classifyFailure(error: unknown): FailureClass {
  if (isPlatformError(error)) return classifyPlatformError(error);
  const { name, message, code } = describe(error);
  if (error instanceof UnrecoverableError || name === 'UnrecoverableError') {
    return { action: 'permanent', code: NON_PLATFORM_CODES.unrecoverable, reason: clip(message) };
  }
  if (name === 'ZodError' || name === '$ZodError' || code === 'INVALID_PAYLOAD') {
    return {
      action: 'permanent',
      code: code ?? NON_PLATFORM_CODES.invalidData,
      reason: clip(message),
    };
  }
  if (
    INFRASTRUCTURE_NAMES.has(name) ||
    (code !== undefined && INFRASTRUCTURE_CODES.has(code)) ||
    message === 'Connection is closed.' ||
    (error as { retryable?: unknown } | null)?.retryable === true
  ) {
    return {
      action: 'backoff',
      code: code ?? NON_PLATFORM_CODES.infrastructure,
      reason: clip(message),
    };
  }
  // Our own errors that know they are permanent (a mapping that rejects a record, say) keep their code.
  if ((error as { retryable?: unknown } | null)?.retryable === false && code !== undefined) {
    return { action: 'permanent', code, reason: clip(message) };
  }
  return { action: 'permanent', code: NON_PLATFORM_CODES.bug, reason: clip(`${name}: ${message}`) };
}

function classifyPlatformError(error: PlatformError): FailureClass {
  const reason = clip(withPlatformMessage(error));
  if (error.code === 'RATE_LIMITED') {
    const result: FailureClass = { action: 'rate-limited', code: error.code, reason };
    if (error.retryAfterMs !== undefined) result.delayMs = error.retryAfterMs;
    return result;
  }
  return { action: RETRYABLE[error.code] ? 'backoff' : 'permanent', code: error.code, reason };
}

/** `[VALIDATION] offerslook POST /v1/offers: rejected (HTTP 422): name is required` */
function withPlatformMessage(error: PlatformError): string {
  const said = error.platformMessage;
  const text = said && !error.message.includes(said) ? `${error.message}: ${said}` : error.message;
  return `[${error.code}] ${text}`;
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

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON_LENGTH ? `${flat.slice(0, MAX_REASON_LENGTH)}…` : flat;
}
