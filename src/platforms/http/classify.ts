// Maps what went wrong on the wire onto the error taxonomy. Both clients use got with
// `throwHttpErrors: false` and `retry: { limit: 0 }`, then call these: one place decides
// which failures are worth a retry.
import type { PlatformName } from '../../vocabulary/index.js';
import { PlatformError, excerptOf, parseRetryAfter, type PlatformErrorCode } from '../errors.js';

/** Network error codes that mean "try again later", not "you sent something wrong". */
const TRANSIENT_NETWORK_CODES = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'ERR_GOT_REQUEST_ERROR',
]);

/** A request that never got an HTTP answer: timeout, reset, refused, DNS. */
export function transportFailure(
  platform: PlatformName,
  operation: string,
  error: unknown,
): PlatformError {
  const code = (error as { code?: string }).code ?? 'UNKNOWN';
  const isTimeout = (error as { name?: string }).name === 'TimeoutError' || code === 'ETIMEDOUT';
  const reason = isTimeout
    ? 'timed out'
    : code === 'ECONNREFUSED'
      ? 'unreachable (connection refused)'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'unreachable (host not found)'
        : code === 'ECONNRESET'
          ? 'connection reset'
          : `network error ${code}`;
  const errorCode: PlatformErrorCode =
    isTimeout || TRANSIENT_NETWORK_CODES.has(code) ? 'TRANSIENT' : 'PROTOCOL';
  return new PlatformError(errorCode, `${platform} ${operation}: ${reason}`, {
    platform,
    operation,
    cause: error,
  });
}

export interface HttpFailure {
  status: number;
  /** The platform's own message from its error envelope, when it sent one. */
  platformMessage?: string;
  /** The raw body, for an excerpt when there is no envelope. */
  body?: string;
  retryAfterHeader?: string;
}

/** An HTTP answer that is a failure by status (or by envelope, which callers pass as status 200). */
export function httpFailure(
  platform: PlatformName,
  operation: string,
  failure: HttpFailure,
): PlatformError {
  const { status, platformMessage } = failure;
  const said = platformMessage
    ? `: ${platformMessage}`
    : failure.body
      ? `: ${excerptOf(failure.body)}`
      : '';
  const details = { platform, operation, status, platformMessage };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(failure.retryAfterHeader);
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`;
    return new PlatformError('RATE_LIMITED', `${platform} ${operation}: rate limited${wait}`, {
      ...details,
      retryAfterMs,
    });
  }
  if (status === 401 || status === 403) {
    return new PlatformError(
      'AUTH',
      `${platform} ${operation}: not authorised (HTTP ${status})${said}`,
      details,
    );
  }
  if (status === 404) {
    return new PlatformError(
      'NOT_FOUND',
      `${platform} ${operation}: not found (HTTP 404)${said}`,
      details,
    );
  }
  if (status >= 500) {
    return new PlatformError(
      'TRANSIENT',
      `${platform} ${operation}: server error (HTTP ${status})${said}`,
      details,
    );
  }
  if (status >= 400 || platformMessage !== undefined) {
    return new PlatformError(
      'VALIDATION',
      `${platform} ${operation}: rejected (HTTP ${status})${said}`,
      details,
    );
  }
  return new PlatformError(
    'PROTOCOL',
    `${platform} ${operation}: unexpected answer (HTTP ${status})${said}`,
    {
      ...details,
      excerpt: failure.body === undefined ? undefined : excerptOf(failure.body),
    },
  );
}

/** A body that is not JSON, or JSON of an unexpected shape. */
export function protocolFailure(
  platform: PlatformName,
  operation: string,
  status: number,
  body: string,
  what = 'not JSON',
): PlatformError {
  const excerpt = excerptOf(body);
  return new PlatformError(
    'PROTOCOL',
    `${platform} ${operation}: answer was ${what} (HTTP ${status}): ${excerpt}`,
    {
      platform,
      operation,
      status,
      excerpt,
    },
  );
}
