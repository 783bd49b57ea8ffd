// Reads one Offerit HTTP answer: JSON, the envelope, then the endpoint's schema. A failure comes
// back classified (`src/platforms/http/classify.ts`) and marked `ambiguous` when it may be a
// credentials problem in disguise (see `credentials-check.ts`).
import type { z } from 'zod';
import type { PlatformError } from '../errors.js';
import { httpFailure, protocolFailure } from '../http/classify.js';
import { failureText, isSuccessResult, offeritEnvelopeSchema } from './wire/envelope.js';
import { parseJsonExact } from '../http/parse-json-exact.js';

const PLATFORM = 'offerit';

export interface RawAnswer {
  status: number;
  /** Already scrubbed of secrets. */
  body: string;
  retryAfterHeader: string | undefined;
}

export type ReadOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: PlatformError;
      /**
       * The answer is one a network also gives for bad credentials or an IP not on the allow-list:
       * 400, 404, or 200 with a body that is not a success (contract section 1: only
       * 200/400/404/405 are documented). A status alone cannot tell them apart.
       */
      ambiguous: boolean;
    };

export interface ReadOptions {
  /** The endpoint may answer its message bare, with no envelope (affiliate/search, v2). */
  bare?: boolean;
}

export function readAnswer<S extends z.ZodType>(
  operation: string,
  answer: RawAnswer,
  schema: S,
  options: ReadOptions = {},
): ReadOutcome<z.output<S>> {
  const { status, body, retryAfterHeader } = answer;
  const ambiguous = status < 300 || status === 400 || status === 404;
  const fail = (error: PlatformError, isAmbiguous = ambiguous) =>
    ({ ok: false, error, ambiguous: isAmbiguous }) as const;
  let json: unknown;
  try {
    json = parseJsonExact(body);
  } catch {
    if (status >= 300)
      return fail(httpFailure(PLATFORM, operation, { status, body, retryAfterHeader }));
    return fail(protocolFailure(PLATFORM, operation, status, body));
  }
  const envelope = offeritEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    if (status >= 300)
      return fail(httpFailure(PLATFORM, operation, { status, body, retryAfterHeader }));
    if (!options.bare) {
      return fail(protocolFailure(PLATFORM, operation, status, body, 'not an Offerit envelope'));
    }
    // A bare answer that does not fit may be some other JSON refusal: as ambiguous as a failure.
    return parse(operation, status, body, json, schema, true);
  }
  const success = isSuccessResult(envelope.data.result);
  if (!success || status >= 300) {
    // A Failure with no text is still the platform saying no: name its result word instead.
    const platformMessage = success
      ? failureText(envelope.data)
      : (failureText(envelope.data) ?? `result "${envelope.data.result}"`);
    return fail(
      httpFailure(PLATFORM, operation, { status, platformMessage, body, retryAfterHeader }),
    );
  }
  return parse(operation, status, body, json, schema, false);
}

/**
 * A success envelope whose content does not fit the schema is the platform's shape, not
 * credentials (`ambiguous` false).
 */
function parse<S extends z.ZodType>(
  operation: string,
  status: number,
  body: string,
  json: unknown,
  schema: S,
  ambiguous: boolean,
): ReadOutcome<z.output<S>> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const where = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return {
    ok: false,
    error: protocolFailure(PLATFORM, operation, status, body, `of an unexpected shape (${where})`),
    ambiguous,
  };
}
