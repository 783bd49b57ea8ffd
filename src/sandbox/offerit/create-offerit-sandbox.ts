// A simulated Offerit / NATS for Networks API: strict about what the real one documents
// (credentials, methods, PHP form encoding, required fields, allowed values) and shaped like it
// in what it answers. Tests, the demo and the benchmarks run against it.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { decodePhpForm } from '../../platforms/offerit/php-form.js';
import { formatParamIssues } from '../../platforms/offerit/wire/index.js';
import { SandboxRuntime, listen, type SandboxOptions } from '../common/index.js';
import { OFFERIT_ENDPOINTS, type DetailsVariant, type EndpointContext } from './endpoints.js';
import { failureEnvelope, offeritResponder } from './responder.js';
import { SandboxFailure, invalid } from './sandbox-failure.js';
import type { OfferitFixtures } from './seed.js';
import { OfferitSandboxState } from './state.js';

export interface OfferitSandboxOptions extends SandboxOptions {
  /** Expected `api-username`. @defaultValue 'sandbox' */
  username?: string;
  /** Expected `api-key`. @defaultValue 'sandbox-offerit-key' */
  apiKey?: string;
  /** Shape of get_details' `message`. @defaultValue 'by-id' (object keyed by offer id) */
  detailsVariant?: DetailsVariant;
  /** Loaded at start. */
  fixtures?: OfferitFixtures;
  /** The sandbox clock. @defaultValue the system clock */
  now?: () => Date;
}

export interface OfferitSandbox {
  app: FastifyInstance;
  runtime: SandboxRuntime;
  state: OfferitSandboxState;
  /** Mutable: switch get_details' shape while running. */
  settings: { detailsVariant: DetailsVariant };
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
  const settings: { detailsVariant: DetailsVariant } = {
    detailsVariant: options.detailsVariant ?? 'by-id',
  };
  if (options.fixtures) state.seed(options.fixtures);

  const app = Fastify({ logger: false, routerOptions: { querystringParser: decodePhpForm } });
  app.addContentTypeParser(FORM_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    done(null, decodePhpForm(body as string));
  });
  // Anything else is read as text and refused by the API route (the control routes speak JSON).
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  runtime.install(app, offeritResponder, state);

  app.post('/__sandbox/details-variant', (request, reply) => {
    const variant = (request.body as { variant?: DetailsVariant } | undefined)?.variant;
    if (variant) settings.detailsVariant = variant;
    return reply.send({ ok: true, variant: settings.detailsVariant });
  });

  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: `${API_PREFIX}/*`,
    handler: async (request, reply) => {
      try {
        const context: EndpointContext = { state, detailsVariant: settings.detailsVariant };
        const answer = handle(request, reply, context);
        return reply
          .code(200)
          .send({ result: 'Success', message: answer.message, ...answer.extra });
      } catch (error) {
        if (error instanceof SandboxFailure)
          return reply.code(error.status).send(failureEnvelope(error.message));
        throw error;
      }
    },
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(failureEnvelope(`Unknown endpoint ${request.url.split('?')[0]}`)),
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
      throw new SandboxFailure(401, 'Invalid API credentials');
    }
    const path = (request.params as { '*': string })['*'].replace(/\/+$/, '');
    const endpoint = OFFERIT_ENDPOINTS[path];
    if (!endpoint) throw new SandboxFailure(404, `Unknown endpoint /${path}`);
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
    settings,
    async start(host = '127.0.0.1', port = 0) {
      return `${await listen(app, host, port)}${API_PREFIX}`;
    },
    async stop() {
      await app.close();
    },
  };
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
