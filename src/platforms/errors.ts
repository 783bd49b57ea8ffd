// One error taxonomy for both platforms. Every error has a stable `code` the queue layer maps
// onto its retry policy; messages never contain credentials.
import { OfferSyncError } from '../errors/index.js';
import type { PlatformName } from '../vocabulary/index.js';

export type PlatformErrorCode =
  'AUTH' | 'NOT_FOUND' | 'VALIDATION' | 'RATE_LIMITED' | 'TRANSIENT' | 'PROTOCOL';

/** Whether a retry can succeed without anyone changing anything. Policy as data. */
export const RETRYABLE: Readonly<Record<PlatformErrorCode, boolean>> = {
  AUTH: false,
  NOT_FOUND: false,
  VALIDATION: false,
  RATE_LIMITED: true,
  TRANSIENT: true,
  PROTOCOL: false,
};

export interface PlatformErrorDetails {
  platform: PlatformName;
  /** e.g. `POST /offer/add_offer`; never includes the query string or credentials. */
  operation?: string;
  status?: number;
  /** The platform's own message (VALIDATION, AUTH, NOT_FOUND). */
  platformMessage?: string;
  /** From `Retry-After` (RATE_LIMITED). */
  retryAfterMs?: number;
  /** A short piece of an unparseable body (PROTOCOL). */
  excerpt?: string;
  cause?: unknown;
}

export class PlatformError extends OfferSyncError {
  override readonly name = 'PlatformError';
  readonly retryable: boolean;
  readonly platform: PlatformName;
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly platformMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly excerpt: string | undefined;
  /**
   * The connection whose request failed, set by its transport: what a 429 pauses (two
   * connections of one platform have budgets of their own).
   */
  connection: string | undefined;

  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    details: PlatformErrorDetails,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.retryable = RETRYABLE[code];
    this.platform = details.platform;
    this.operation = details.operation;
    this.status = details.status;
    this.platformMessage = details.platformMessage;
    this.retryAfterMs = details.retryAfterMs;
    this.excerpt = details.excerpt;
  }

  /** `[VALIDATION] offerslook POST /v1/offers: rejected (HTTP 422): name is required` */
  override reason(): string {
    const said = this.platformMessage;
    const text = said && !this.message.includes(said) ? `${this.message}: ${said}` : this.message;
    return `[${this.code}] ${text}`;
  }

  /** A plain object for logs and job failure reasons. */
  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      platform: this.platform,
      connection: this.connection,
      operation: this.operation,
      status: this.status,
      platformMessage: this.platformMessage,
      retryAfterMs: this.retryAfterMs,
      excerpt: this.excerpt,
      retryable: this.retryable,
    };
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError;
}

/** Cuts a response body down to something safe and short enough for an error message. */
export function excerptOf(body: string, max = 120): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** `Retry-After` is seconds or an HTTP date; returns milliseconds from `now`. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Runs one request's exchange; a PlatformError leaving it names `connection`. */
export async function onConnection<T>(connection: string, exchange: () => Promise<T>): Promise<T> {
  try {
    return await exchange();
  } catch (error) {
    if (isPlatformError(error)) error.connection ??= connection;
    throw error;
  }
}
