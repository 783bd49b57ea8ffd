// A simulated Offerslook Network API on Fastify: every endpoint offer-sync uses, strict about
// credentials, routes, methods and bodies, with the shared runtime's rate limit (50 per 10 s by
// default, sliding window), latency and faults. Where the contract lists several ways a network
// answers, the answer switches (variants.ts, README.md beside this file) pick one; the default
// preset is the contract's version 2. This file is the only one that touches Fastify.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import qs from 'qs';
import { SandboxRuntime, listen, type SandboxOptions } from '../common/index.js';
import type { OfferslookFixtures } from './fixtures.js';
import { HTTP_METHODS, NOT_JSON, ROUTES } from './handlers/index.js';
import { SandboxHttpError } from './http-error.js';
import { offerslookResponder } from './responder.js';
import { OfferslookSandboxState } from './state.js';
import type { StoreOptions } from './store.js';
import {
  OfferslookVariantSettings,
  type OfferslookAnswers,
  type OfferslookVariants,
} from './variants.js';

export interface OfferslookSandboxOptions extends SandboxOptions, StoreOptions {
  /** Basic-auth user name. @defaultValue 'sandbox' */
  network?: string;
  /** Basic-auth password. @defaultValue 'sandbox-offerslook-key' */
  apiKey?: string;
  /** Seeded at start. */
  fixtures?: OfferslookFixtures;
  /** The answer preset: the contract's version. @defaultValue 'v2' */
  answers?: OfferslookAnswers;
  /** Single answer switches over the preset. */
  variants?: Partial<OfferslookVariants>;
}

export interface OfferslookSandbox {
  app: FastifyInstance;
  runtime: SandboxRuntime;
  state: OfferslookSandboxState;
  /** The answer switches in force; `variants.apply(...)` changes them, as `/__sandbox/settings` does. */
  variants: OfferslookVariantSettings;
  /** Listens on `host:port` (port 0 = a free one); returns the base URL. */
  start(host?: string, port?: number): Promise<string>;
  stop(): Promise<void>;
}

/** The platform's documented budget: 50 calls per 10 seconds per network. */
export const OFFERSLOOK_DEFAULT_RATE_LIMIT = { max: 50, durationMs: 10_000 };

export function createOfferslookSandbox(options: OfferslookSandboxOptions = {}): OfferslookSandbox {
  const expected = `Basic ${Buffer.from(`${options.network ?? 'sandbox'}:${options.apiKey ?? 'sandbox-offerslook-key'}`).toString('base64')}`;
  const runtime = new SandboxRuntime({
    ...options,
    rateLimit: options.rateLimit === undefined ? OFFERSLOOK_DEFAULT_RATE_LIMIT : options.rateLimit,
  });
  const state = new OfferslookSandboxState(options);
  if (options.fixtures) state.seed(options.fixtures);
  const variants = new OfferslookVariantSettings(options.answers, options.variants);

  const app = Fastify({
    routerOptions: {
      querystringParser: (text) => qs.parse(text),
      // `PATCH /v1/batches/offers/{100 ids}` is one path parameter of several hundred characters.
      maxParamLength: 4096,
    },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    const body = String(text);
    if (body.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch {
      done(new SandboxHttpError(400, 'The request body is not valid JSON'), undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, _text, done) =>
    done(null, NOT_JSON),
  );

  runtime.install(app, offerslookResponder, state, variants);
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/__sandbox')) return undefined;
    if (!sameText(request.headers.authorization ?? '', expected)) {
      return envelope(reply, 401, 'Invalid network name or API key').header(
        'www-authenticate',
        'Basic realm="offerslook"',
      );
    }
    return undefined;
  });

  for (const [url, handlers] of Object.entries(ROUTES)) {
    for (const method of HTTP_METHODS) {
      const handler = handlers[method];
      app.route({
        method,
        url,
        handler: async (request, reply) => {
          if (!handler) return envelope(reply, 405, `Method ${method} not allowed on ${url}`);
          const data = handler(
            {
              method,
              path: request.url.split('?')[0] ?? request.url,
              params: request.params as Record<string, string>,
              query: request.query,
              body: request.body,
            },
            { store: state.store, variants: variants.current() },
          );
          return reply.code(200).send({ code: 0, message: 'Success', data });
        },
      });
    }
  }
  app.setNotFoundHandler((request, reply) =>
    envelope(reply, 404, `No route ${request.method} ${request.url.split('?')[0]}`),
  );
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof SandboxHttpError) return envelope(reply, error.status, error.message);
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return envelope(reply, status === 415 ? 400 : status, (error as Error).message);
    }
    return envelope(reply, 500, 'Internal error');
  });

  return {
    app,
    runtime,
    state,
    variants,
    start: (host, port) => listen(app, host, port),
    stop: () => app.close(),
  };
}

function envelope(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ code: status, message });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
