// Turns one HTTP answer into the data it carries or a PlatformError: the envelope is unwrapped
// here, and `code !== 0` is a failure whatever the HTTP status. Pure: no I/O, unit-tested.
import type { z } from 'zod';
import { PlatformError, parseRetryAfter } from '../errors.js';
import { httpFailure, protocolFailure } from '../http/classify.js';
import { envelopeSchema } from './wire/envelope.js';
import { parseJsonExact } from '../http/parse-json-exact.js';

const PLATFORM = 'offerslook';

export interface HttpAnswer {
  status: number;
  body: string;
  /** The `Retry-After` header, if any. */
  retryAfter?: string | undefined;
}

export function readAnswer<Data>(
  operation: string,
  answer: HttpAnswer,
  data: z.ZodType<Data>,
): Data {
  const { status, body, retryAfter } = answer;
  const json = parseJson(body);
  const envelope = json.ok ? envelopeSchema.safeParse(json.value) : undefined;
  if (status < 200 || status >= 300) {
    const platformMessage = envelope?.success ? envelope.data.message : undefined;
    throw httpFailure(PLATFORM, operation, {
      status,
      platformMessage,
      body,
      retryAfterHeader: retryAfter,
    });
  }
  if (!json.ok) throw protocolFailure(PLATFORM, operation, status, body);
  if (!envelope?.success)
    throw protocolFailure(PLATFORM, operation, status, body, 'not an Offerslook envelope');
  const { code, message } = envelope.data;
  if (code !== 0) throw envelopeFailure(operation, status, code, message, retryAfter);
  const parsed = data.safeParse(envelope.data.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'data'}: ${issue.message}` : 'data';
    throw protocolFailure(PLATFORM, operation, status, body, `of an unexpected shape (${where})`);
  }
  return parsed.data;
}

/** HTTP 2xx with a non-zero `code`: 429 is a rate limit, anything else a rejection. */
function envelopeFailure(
  operation: string,
  status: number,
  code: number,
  message: string | undefined,
  retryAfter: string | undefined,
): PlatformError {
  const platformMessage = message ?? `code ${code}`;
  const details = { platform: PLATFORM, operation, status, platformMessage } as const;
  if (code === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`;
    return new PlatformError(
      'RATE_LIMITED',
      `${PLATFORM} ${operation}: rate limited (code 429)${wait}`,
      {
        ...details,
        retryAfterMs,
      },
    );
  }
  return new PlatformError(
    'VALIDATION',
    `${PLATFORM} ${operation}: rejected (HTTP ${status}, code ${code}): ${platformMessage}`,
    details,
  );
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseJsonExact(body) };
  } catch {
    return { ok: false };
  }
}
