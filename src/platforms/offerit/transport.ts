// One HTTP exchange with Offerit: hooks, PHP form encoding (GET parameters in the query string,
// POST and PATCH in a form body), envelope unwrapping and error mapping. got never retries (the
// queue owns retries) and never throws on a status: every failure is classified once, in
// `src/platforms/http/classify.ts`, and an answer that may be bad credentials in disguise is
// checked against ping (`credentials-check.ts`).
import got, { type Got } from 'got';
import type { z } from 'zod';
import type { OfferitConfig } from '../../config/index.js';
import type { Logger } from '../../log/logger.js';
import { onConnection, type PlatformError } from '../errors.js';
import { transportFailure } from '../http/classify.js';
import type { RequestHooks } from '../platform-client.js';
import { encodePhpForm, type PhpFormValue } from './php-form.js';
import { pingResponseSchema } from './wire/envelope.js';
import { SECRET_FIELD_PATTERN } from './wire/affiliates.js';
import { readAnswer, type RawAnswer, type ReadOptions } from './read-answer.js';
import {
  PING_OPERATION,
  createCredentialsCheck,
  type CredentialsCheckOptions,
} from './credentials-check.js';

export type OfferitMethod = 'GET' | 'POST' | 'PATCH';
export type OfferitParams = Readonly<Record<string, PhpFormValue>>;

export interface OfferitTransport {
  /** Sends `params` to `endpoint` (`offer/add_offer`) and returns the envelope read by `schema`. */
  call<S extends z.ZodType>(
    method: OfferitMethod,
    endpoint: string,
    params: OfferitParams,
    schema: S,
    options?: CallOptions,
  ): Promise<z.output<S>>;
}

export type CallOptions = ReadOptions;

const PLATFORM = 'offerit';

export function createOfferitTransport(
  config: OfferitConfig,
  hooks: RequestHooks = {},
  logger?: Logger,
  credentialsOptions?: CredentialsCheckOptions,
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

  const credentials = createCredentialsCheck(
    () => transport.call('GET', 'service/ping', {}, pingResponseSchema),
    credentialsOptions,
  );

  const transport: OfferitTransport = {
    call: (method, endpoint, params, schema, options = {}) =>
      onConnection(config.name, () => call(method, endpoint, params, schema, options)),
  };
  return transport;

  async function call<S extends z.ZodType>(
    method: OfferitMethod,
    endpoint: string,
    params: OfferitParams,
    schema: S,
    options: CallOptions,
  ): Promise<z.output<S>> {
    {
      const operation = `${method} /${endpoint}`;
      const answer = await exchange(method, endpoint, params, operation);
      const outcome = readAnswer(operation, answer, schema, options);
      if (outcome.ok) {
        credentials.passed();
        log?.debug({ operation, status: answer.status }, 'offerit request ok');
        return outcome.value;
      }
      let { error } = outcome;
      if (error.code === 'AUTH' || (outcome.ambiguous && operation === PING_OPERATION)) {
        // ping takes no parameters: however it fails, it is the credentials (or the allow-list).
        error = credentials.refused(error);
      } else if (outcome.ambiguous) {
        error = await credentials.reclassify(error);
      }
      report(error);
      throw error;
    }
  }

  async function exchange(
    method: OfferitMethod,
    endpoint: string,
    params: OfferitParams,
    operation: string,
  ): Promise<RawAnswer> {
    await hooks.beforeRequest?.(operation);
    const encoded = encodePhpForm(params);
    const started = performance.now();
    let status: number | undefined;
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
      return {
        status,
        body: scrub(response.body),
        retryAfterHeader: response.headers['retry-after'],
      };
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
  }

  function report(error: PlatformError): void {
    log?.debug(
      { operation: error.operation, status: error.status, code: error.code },
      error.message,
    );
  }
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
