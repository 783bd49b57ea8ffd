// What every endpoint handler is: a plain request in, the envelope's `data` out, or a thrown
// SandboxHttpError. Only `create-offerslook-sandbox.ts` touches Fastify.
import { SandboxHttpError, notFound } from '../http-error.js';
import type { OfferslookStore } from '../store.js';
import type { OfferslookVariants } from '../variants.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Marks a body that did not arrive as JSON; handlers that need one answer 400. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

export interface SandboxRequest {
  method: HttpMethod;
  /** The path as requested, without the query string (for 404s that name it). */
  path: string;
  params: Record<string, string>;
  query: unknown;
  /** The parsed JSON body, `undefined` when there was none, NOT_JSON when it was something else. */
  body: unknown;
}

export interface HandlerContext {
  store: OfferslookStore;
  /** The answer switches in force for this request. */
  variants: Readonly<OfferslookVariants>;
}

export type Handler = (request: SandboxRequest, context: HandlerContext) => unknown;
export type Routes = Readonly<Record<string, Partial<Record<HttpMethod, Handler>>>>;

export function jsonObject(body: unknown): Record<string, unknown> {
  if (
    body === NOT_JSON ||
    body === undefined ||
    body === null ||
    typeof body !== 'object' ||
    Array.isArray(body)
  ) {
    throw new SandboxHttpError(
      400,
      'The request body must be a JSON object (content-type: application/json)',
    );
  }
  return body as Record<string, unknown>;
}

/** A path id that is not a positive integer names nothing: 404, like an unknown id. */
export function idParam(value: string | undefined, what: string): number {
  if (value === undefined || !/^[1-9]\d*$/.test(value))
    throw notFound(`${what} ${value ?? ''}`.trim());
  return Number(value);
}

/** What the router answers for a path it has no route for. */
export function noRoute(request: Pick<SandboxRequest, 'method' | 'path'>): SandboxHttpError {
  return new SandboxHttpError(404, `No route ${request.method} ${request.path}`);
}
