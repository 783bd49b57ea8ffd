// The one place that talks HTTP to Offerslook: Basic auth, JSON bodies or query strings (the
// query-string PATCHes send no body at all), no retries (the queue owns them), the request hooks
// around every call, and every answer read by `readAnswer`.
import { performance } from 'node:perf_hooks';
import got, { type Response } from 'got';
import type { z } from 'zod';
import type { OfferslookConfig } from '../../config/index.js';
import type { Logger } from '../../log/logger.js';
import { onConnection } from '../errors.js';
import { transportFailure } from '../http/classify.js';
import type { RequestHooks } from '../platform-client.js';
import { readAnswer } from './read-answer.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OfferslookRequest<Data> {
  method: HttpMethod;
  /** The path with ids filled in, e.g. `/v1/offers/7`; named in errors. */
  path: string;
  /** The path with placeholders, e.g. `/v1/offers/{id}`: the operation hooks and metrics see. */
  template: string;
  /** An encoded query string (without `?`). */
  query?: string;
  json?: unknown;
  /** The schema of the envelope's `data`. */
  data: z.ZodType<Data>;
}

export type OfferslookSend = <Data>(request: OfferslookRequest<Data>) => Promise<Data>;

export function createOfferslookTransport(
  config: OfferslookConfig,
  hooks: RequestHooks = {},
  logger?: Logger,
): OfferslookSend {
  // Built once and kept in this closure only: never logged, never part of an error.
  const authorization = `Basic ${Buffer.from(`${config.network}:${config.apiKey}`).toString('base64')}`;
  const http = got.extend({
    prefixUrl: config.baseUrl,
    headers: { authorization, accept: 'application/json' },
    timeout: { request: config.timeoutMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    responseType: 'text',
  });

  return <Data>(request: OfferslookRequest<Data>): Promise<Data> =>
    onConnection(config.name, () => send(request));

  async function send<Data>(request: OfferslookRequest<Data>): Promise<Data> {
    const operation = `${request.method} ${request.template}`;
    const where = `${request.method} ${request.path}`;
    await hooks.beforeRequest?.(operation);
    const started = performance.now();
    const report = (status: number | undefined) => {
      const durationMs = Math.round(performance.now() - started);
      hooks.afterResponse?.({ operation, status, durationMs });
      logger?.debug(
        { platform: 'offerslook', operation: where, status, durationMs },
        'offerslook request',
      );
    };
    let response: Response<string>;
    try {
      // prefixUrl wants a path without its leading slash.
      const url = request.path.slice(1) + (request.query ? `?${request.query}` : '');
      response = await http(url, {
        method: request.method,
        responseType: 'text',
        ...(request.json === undefined ? {} : { json: request.json }),
      });
    } catch (error) {
      report(undefined);
      throw transportFailure('offerslook', where, withoutRequestDetails(error));
    }
    report(response.statusCode);
    const retryAfter = response.headers['retry-after'];
    return readAnswer(
      where,
      { status: response.statusCode, body: response.body, retryAfter },
      request.data,
    );
  }
}

/**
 * got's errors carry the request options, Authorization header included; only the parts that
 * say what went wrong are kept as the cause.
 */
function withoutRequestDetails(error: unknown): {
  name: string;
  code: string | undefined;
  message: string;
} {
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  return { name: name ?? 'Error', code, message: message ?? String(error) };
}
