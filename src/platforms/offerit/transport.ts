// One HTTP exchange with Offerit: hooks, PHP form encoding, envelope unwrapping and error
// mapping. got never retries (the queue owns retries) and never throws on a status: every
// failure is classified once, in `src/platforms/http/classify.ts`.
import got, { type Got } from 'got';
import type { z } from 'zod';
import type { OfferitConfig } from '../../config/index.js';
import type { Logger } from '../../log/logger.js';
import { PlatformError } from '../errors.js';
import { httpFailure, protocolFailure, transportFailure } from '../http/classify.js';
import type { RequestHooks } from '../platform-client.js';
import { encodePhpForm, type PhpFormValue } from './php-form.js';
import { failureText, isSuccessResult, offeritEnvelopeSchema } from './wire/envelope.js';
import { SECRET_FIELD_PATTERN } from './wire/affiliates.js';

export type OfferitMethod = 'GET' | 'POST' | 'PATCH';
export type OfferitParams = Readonly<Record<string, PhpFormValue>>;

export interface OfferitTransport {
  /** Sends `params` to `endpoint` (`offer/add_offer`) and returns the envelope read by `schema`. */
  call<S extends z.ZodType>(
    method: OfferitMethod,
    endpoint: string,
    params: OfferitParams,
    schema: S,
  ): Promise<z.output<S>>;
}

const PLATFORM = 'offerit';

export function createOfferitTransport(
  config: OfferitConfig,
  hooks: RequestHooks = {},
  logger?: Logger,
): OfferitTransport {
  const http: Got = got.extend({
    prefixUrl: config.baseUrl,
    headers: { 'api-key': config.apiKey, 'api-username': config.username },
    timeout: { request: config.timeoutMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'text',
  });
  const log = logger?.child({ platform: PLATFORM });
  const scrub = (text: string) => scrubSecrets(text, config.apiKey);

  return {
    async call(method, endpoint, params, schema) {
      const operation = `${method} /${endpoint}`;
      await hooks.beforeRequest?.(operation);
      const encoded = encodePhpForm(params);
      const started = performance.now();
      let status: number | undefined;
      let body: string;
      let retryAfter: string | undefined;
      try {
        const response =
          method === 'GET'
            ? await http(encoded === '' ? endpoint : `${endpoint}?${encoded}`, { method })
            : await http(endpoint, {
                method,
                body: encoded,
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
              });
        status = response.statusCode;
        body = response.body;
        retryAfter = response.headers['retry-after'];
      } catch (error) {
        const failure = transportFailure(PLATFORM, operation, safeCause(error, scrub));
        report(failure);
        throw failure;
      } finally {
        hooks.afterResponse?.({
          operation,
          status,
          durationMs: Math.round(performance.now() - started),
        });
      }
      try {
        const result = readAnswer(operation, status, scrub(body), retryAfter, schema);
        log?.debug({ operation, status }, 'offerit request ok');
        return result;
      } catch (error) {
        if (error instanceof PlatformError) report(error);
        throw error;
      }
    },
  };

  function report(error: PlatformError): void {
    log?.debug(
      { operation: error.operation, status: error.status, code: error.code },
      error.message,
    );
  }
}

function readAnswer<S extends z.ZodType>(
  operation: string,
  status: number,
  body: string,
  retryAfterHeader: string | undefined,
  schema: S,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (status >= 300) throw httpFailure(PLATFORM, operation, { status, body, retryAfterHeader });
    throw protocolFailure(PLATFORM, operation, status, body);
  }
  const envelope = offeritEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    if (status >= 300) throw httpFailure(PLATFORM, operation, { status, body, retryAfterHeader });
    throw protocolFailure(PLATFORM, operation, status, body, 'not an Offerit envelope');
  }
  const success = isSuccessResult(envelope.data.result);
  if (!success || status >= 300) {
    // A Failure with no text is still the platform saying no: name its result word instead.
    const platformMessage = success
      ? failureText(envelope.data)
      : (failureText(envelope.data) ?? `result "${envelope.data.result}"`);
    throw httpFailure(PLATFORM, operation, { status, platformMessage, body, retryAfterHeader });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw protocolFailure(PLATFORM, operation, status, body, `of an unexpected shape (${where})`);
  }
  return parsed.data;
}

/**
 * Removes the API key and the values of secret-looking JSON fields (affiliate password hashes
 * and API keys) from text that may end up in an error message or an excerpt.
 */
export function scrubSecrets(text: string, apiKey: string): string {
  const withoutKey = apiKey === '' ? text : text.split(apiKey).join('[redacted]');
  return withoutKey.replace(/"([^"]*)"\s*:\s*"(?:[^"\\]|\\.)*"/g, (pair, key: string) =>
    SECRET_FIELD_PATTERN.test(key) ? `"${key}":"[redacted]"` : pair,
  );
}

/**
 * got's errors hold the request options, headers and API key included; the cause we keep is a
 * plain Error with only the name, code and message.
 */
function safeCause(error: unknown, scrub: (text: string) => string): Error {
  const source = error as { name?: string; code?: string; message?: string };
  const cause = new Error(scrub(source.message ?? 'request failed'));
  cause.name = source.name ?? 'Error';
  if (source.code !== undefined) Object.assign(cause, { code: source.code });
  return cause;
}
