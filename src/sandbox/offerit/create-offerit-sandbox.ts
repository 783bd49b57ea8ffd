// A simulated Offerit / NATS for Networks API: strict about what the real one documents
// (credentials, methods, PHP form encoding, required fields, allowed values) and shaped like it
// in what it answers. Tests, the demo and the benchmarks run against it. Parameters are read
// from the query string and the form body alike, on every method (TMM's own pause_offer and
// activate_offer samples PATCH with a query string and no body; one doc page sends GET
// parameters in a body).
//
// Answer variants (`variants.ts`; preset `answers: "v1" | "v2"`, default v2, or single switches
// through the `variants` option or `POST /__sandbox/settings {"variants":{...}}`):
//   detailsVariant     get_details' message: by-id | list | offers-by-id | offers-list
//                      (also `POST /__sandbox/details-variant {"variant":...}`)
//   detailColumns      get_details' columns: add-offer (v1) | documented (v2, no payout columns)
//   returnColumns      get_details and return_columns: ignored (v1) | honoured (v2)
//   getDetails         available | missing (404 "invalid endpoint", an install before mid-2020)
//   affiliateSearch    affiliate/search: envelope (v1) | bare (v2)
//   badCredentials     401 (v1) | 403 | 400 (v2) | 404 | 200-failure
//   activateResult     activate_offer's result word: Success (v1) | success (v2)
//   countryKeys        get_commission_changes' Countries keys: numeric (v1) | padded (v2)
//   subAffiliates      top-level "Subaff" labels (v1) | a "Sub Affiliates" map (v2)
//   goalRowFlags       goal rows' "Pay Affiliate Managers"/"Pay Referring Affiliates":
//                      omitted (v1) | booleans (v2)
//   defaultRowPayouts  the offer's Change Id 0 row: none (v1) | offer (v2, the offer's payouts)
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { decodePhpForm } from '../../platforms/offerit/php-form.js';
import { formatParamIssues } from '../../platforms/offerit/wire/index.js';
import { SandboxRuntime, listen, type SandboxOptions } from '../common/index.js';
import { OFFERIT_ENDPOINTS, type Answer, type EndpointContext } from './endpoints.js';
import { failureEnvelope, offeritResponder } from './responder.js';
import { SandboxFailure, invalid } from './sandbox-failure.js';
import type { OfferitFixtures } from './seed.js';
import { OfferitSandboxState } from './state.js';
import {
  createOfferitVariants,
  type OfferitAnswers,
  type OfferitVariantSettings,
  type OfferitVariants,
} from './variants.js';
import { stringifyWithNumbers } from '../common/json-number.js';

export interface OfferitSandboxOptions extends SandboxOptions {
  /** Expected `api-username`. @defaultValue 'sandbox' */
  username?: string;
  /** Expected `api-key`. @defaultValue 'sandbox-offerit-key' */
  apiKey?: string;
  /** The preset of answer variants: the contract's version. @defaultValue 'v2' */
  answers?: OfferitAnswers;
  /** Single switches on top of the preset (see `variants.ts`). */
  variants?: Partial<OfferitVariants>;
  /** Loaded at start. */
  fixtures?: OfferitFixtures;
  /** The sandbox clock. @defaultValue the system clock */
  now?: () => Date;
}

export interface OfferitSandbox {
  app: FastifyInstance;
  runtime: SandboxRuntime;
  state: OfferitSandboxState;
  /** The answer variants in force; `apply` switches them while running. */
  variants: OfferitVariantSettings;
  /** Listens (port 0 picks a free one) and returns the API base URL, ending in `/api`. */
  start(host?: string, port?: number): Promise<string>;
  stop(): Promise<void>;
}

const API_PREFIX = '/api';
const FORM_TYPE = 'application/x-www-form-urlencoded';

export function createOfferitSandbox(options: OfferitSandboxOptions = {}): OfferitSandbox {
  const username = options.username ?? 'sandbox';
  const apiKey = options.apiKey ?? 'sandbox-offerit-key';
  // Offerit documents no rate limit, so the sandbox has none unless asked.
  const runtime = new SandboxRuntime({ ...options, rateLimit: options.rateLimit ?? null });
  const state = new OfferitSandboxState(options.now);
  const variants = createOfferitVariants({ answers: options.answers, variants: options.variants });
  if (options.fixtures) state.seed(options.fixtures);

  const app = Fastify({ logger: false, routerOptions: { querystringParser: decodePhpForm } });
  // Answers may hold JSON numbers written from decimal text (jsonNumber): serialise them as is.
  app.setReplySerializer((payload) => stringifyWithNumbers(payload));
  app.addContentTypeParser(FORM_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    done(null, decodePhpForm(body as string));
  });
  // Anything else is read as text and refused by the API route (the control routes speak JSON).
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  runtime.install(app, offeritResponder, state, variants);

  // Kept from before the variants: the same as `settings {"variants":{"detailsVariant":...}}`.
  app.post('/__sandbox/details-variant', (request, reply) => {
    const variant = (request.body as { variant?: unknown } | undefined)?.variant;
    try {
      if (variant !== undefined) variants.apply({ variants: { detailsVariant: variant } });
    } catch (error) {
      return reply.code(400).send({ ok: false, error: (error as Error).message });
    }
    return reply.send({ ok: true, variant: variants.current().detailsVariant });
  });

  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: `${API_PREFIX}/*`,
    // Fastify parses no body on GET; PHP reads one, so this does.
    preValidation: readGetBody,
    handler: async (request, reply) => {
      try {
        const context: EndpointContext = { state, variants: variants.current() };
        const answer = handle(request, reply, context);
        return reply.code(200).send(envelopeOf(answer));
      } catch (error) {
        if (error instanceof SandboxFailure)
          return reply.code(error.status).send(failureEnvelope(error.message));
        throw error;
      }
    },
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(failureEnvelope(`Invalid endpoint ${request.url.split('?')[0]}`)),
  );
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? 400 : 500;
    return reply
      .code(status)
      .send(
        failureEnvelope(status === 400 ? `Invalid request: ${error.message}` : 'Internal error'),
      );
  });

  function handle(request: FastifyRequest, reply: FastifyReply, context: EndpointContext) {
    if (request.headers['api-key'] !== apiKey || request.headers['api-username'] !== username) {
      throw badCredentials(context.variants.badCredentials);
    }
    const path = (request.params as { '*': string })['*'].replace(/\/+$/, '');
    const missing = path === 'offer/get_details' && context.variants.getDetails === 'missing';
    const endpoint = missing ? undefined : OFFERIT_ENDPOINTS[path];
    if (!endpoint) throw new SandboxFailure(404, `Invalid endpoint /${path}`);
    if (request.method !== endpoint.method) {
      reply.header('allow', endpoint.method);
      throw new SandboxFailure(
        405,
        `Method ${request.method} not allowed for /${path}: use ${endpoint.method}`,
      );
    }
    const params = { ...(request.query as Record<string, unknown>), ...bodyParams(request) };
    const parsed = endpoint.schema.safeParse(params);
    if (!parsed.success) throw invalid(formatParamIssues(parsed.error.issues, params));
    return endpoint.handle(parsed.data, context);
  }

  return {
    app,
    runtime,
    state,
    variants,
    async start(host = '127.0.0.1', port = 0) {
      return `${await listen(app, host, port)}${API_PREFIX}`;
    },
    async stop() {
      await app.close();
    },
  };
}

function envelopeOf(answer: Answer): unknown {
  if (answer.bare) return answer.message;
  return { result: answer.result ?? 'Success', message: answer.message, ...answer.extra };
}

/**
 * A wrong api-key or api-username (a real network answers an IP missing from
 * ADMIN_API_ALLOWED_IPS the same way): the status the variant names, or 200 with a Failure.
 */
function badCredentials(variant: OfferitVariants['badCredentials']): SandboxFailure {
  const status = variant === '200-failure' ? 200 : Number(variant);
  return new SandboxFailure(status, 'Invalid API credentials');
}

/** Reads a GET request's body (form encoded, as PHP would) into `request.body`. */
async function readGetBody(request: FastifyRequest): Promise<void> {
  if (request.method !== 'GET') return;
  const length = Number(request.headers['content-length'] ?? 0);
  if (length === 0 && request.headers['transfer-encoding'] === undefined) return;
  const chunks: Buffer[] = [];
  for await (const chunk of request.raw) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  request.body = type === FORM_TYPE ? decodePhpForm(text) : text;
}

/** PHP reads form bodies only; a JSON or other body is refused with a message saying why. */
function bodyParams(request: FastifyRequest): Record<string, unknown> {
  if (request.body === undefined || request.body === null || request.body === '') return {};
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== FORM_TYPE) {
    throw invalid(
      `request body must be ${FORM_TYPE} (PHP http_build_query), got ${type || 'no content-type'}`,
    );
  }
  return request.body as Record<string, unknown>;
}
