// The only file that touches Fastify: it routes requests to the plain handlers, keeps the raw
// webhook body for signature checks, and mounts Bull Board and the console. Every route is
// behind the one authentication hook (authenticate.ts) but the probes and the signed webhooks.
import type { Queue } from 'bullmq';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import type { MetricsRegistry } from '../../metrics/index.js';
import type { RunStore } from '../../store/runs/run-store.js';
import type { WebhookReplayStore } from '../../store/webhook-replays/index.js';
import { handleGetRun, handleListRuns } from '../runs/runs-handlers.js';
import {
  handleEntityHistory,
  handleEntityStatus,
  type EntitiesPort,
  type EntityRequest,
} from '../entities/index.js';
import {
  CONSOLE_PAGES,
  CONSOLE_PATH,
  consoleStylesheet,
  createCsrf,
  handleConsoleRequest,
  type ConsoleDeps,
  type ConsoleEnv,
} from '../console/index.js';
import { consoleJobUrl, createDashboard, DEFAULT_DASHBOARD_PATH } from '../dashboard/index.js';
import { handleHealth, handleMetrics, handleReadiness, type Readiness } from '../probes/index.js';
import { DEFAULT_TOLERANCE_MS, handleWebhook, type EnqueueSync } from '../webhook/index.js';
import { RejectionLog } from '../webhook/rejection-log.js';
import { csrfKey } from '../auth/state-change.js';
import { registerAuthentication } from './authenticate.js';
import { errorResponse, type HandlerResponse } from './handler-response.js';
import { registerRedisGate } from './redis-gate.js';
import { isRedisConnectionError, redisUnavailable } from './redis-unavailable.js';
import { registerSecurityHeaders } from './security-headers.js';
import { stateChangeGuard } from './state-change-guard.js';

export interface IngressDeps {
  config: Config;
  logger: Logger;
  /** Shown in Bull Board and reported as jobs-by-state metrics. */
  queues: readonly Queue[];
  enqueueSync: EnqueueSync;
  /** Webhook signatures already accepted (replay protection). */
  webhookReplays: WebhookReplayStore;
  /**
   * Whether Redis answers now. While it does not, every route but the probes answers 503
   * REDIS_UNAVAILABLE at once instead of waiting on a command. @defaultValue always true
   */
  redisAvailable?: () => boolean;
  readiness: Readiness;
  metrics: MetricsRegistry;
  /** Reconcile run reports; when given, `GET /reconcile/runs` and `/reconcile/runs/:id` serve them. */
  reconcileRuns?: Pick<RunStore, 'list' | 'get'>;
  /** When given, `GET /entities/:connection/:entity/:id` and `.../history` explain entities. */
  entities?: EntitiesPort;
  /** What the console reads and does; when given, `/console` serves it behind the dashboard's auth. */
  console?: ConsoleDeps;
}

export interface IngressOptions {
  /** Largest webhook body, in bytes. @defaultValue 16384 */
  webhookBodyLimitBytes?: number;
  /** Replay window for webhook timestamps, either side of now, in milliseconds. @defaultValue 300000 */
  webhookToleranceMs?: number;
  /** A readiness check slower than this answers 503, in milliseconds. @defaultValue 5000 */
  readinessTimeoutMs?: number;
  /** @defaultValue '/admin/queues' */
  dashboardPath?: string;
  /** Clock for webhook timestamps, in milliseconds since the epoch. @defaultValue Date.now */
  now?: () => number;
}

export interface IngressServer {
  readonly app: FastifyInstance;
  /** Every route registered, by any plugin: what the authentication test walks. */
  readonly routes: readonly { method: string; url: string }[];
  /** Binds (defaults: config.http.host and port; port 0 picks a free one) and returns the base URL. */
  listen(address?: { host?: string; port?: number }): Promise<string>;
  close(): Promise<void>;
}

export async function createIngressServer(
  deps: IngressDeps,
  options: IngressOptions = {},
): Promise<IngressServer> {
  const { config, metrics } = deps;
  const logger = deps.logger.child({ component: 'ingress' });
  const bodyLimitBytes = options.webhookBodyLimitBytes ?? 16 * 1024;
  const dashboardPath = options.dashboardPath ?? DEFAULT_DASHBOARD_PATH;
  // Widened so the instance has Fastify's default logger type, which IngressServer exposes.
  const loggerInstance: FastifyBaseLogger = logger;
  // Probes and scrapes arrive every few seconds; the handlers log what matters instead.
  const app = Fastify({
    loggerInstance,
    logController: new LogController({ disableRequestLogging: true }),
  });
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  metrics.trackQueues(deps.queues);
  // Order matters: headers go on every answer, refusals included; authentication before all else.
  registerSecurityHeaders(app);
  const { user, password } = config.dashboard;
  registerAuthentication(app, {
    dashboard: user && password ? { user, password } : undefined,
    apiToken: config.tokens.api,
    metricsToken: config.tokens.metrics,
  });
  if (deps.redisAvailable) registerRedisGate(app, deps.redisAvailable);
  /** For every route that changes state; see state-change-guard.ts. */
  const guard = stateChangeGuard(config.dashboard);
  const rejections = new RejectionLog(logger);
  app.addHook('onClose', () => rejections.close());

  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      errorResponse(
        404,
        'NOT_FOUND',
        `no route for ${request.method} ${request.url.split('?')[0]}`,
      ),
    ),
  );
  app.setErrorHandler((error: FastifyError, request, reply) =>
    send(reply, fromFastifyError(error, request, logger)),
  );

  app.get('/healthz', (_request, reply) => send(reply, handleHealth()));
  app.get('/readyz', async (_request, reply) =>
    send(
      reply,
      await handleReadiness({ readiness: deps.readiness, timeoutMs: options.readinessTimeoutMs }),
    ),
  );
  app.get('/metrics', async (_request, reply) => send(reply, await handleMetrics(metrics)));
  const runs = deps.reconcileRuns;
  if (runs) {
    app.get<{ Querystring: { limit?: string } }>('/reconcile/runs', async (request, reply) =>
      send(reply, await handleListRuns({ query: request.query }, runs)),
    );
    app.get<{ Params: { id: string } }>('/reconcile/runs/:id', async (request, reply) =>
      send(reply, await handleGetRun({ params: request.params }, runs)),
    );
  }

  const entities = deps.entities;
  if (entities) {
    type EntityRoute = { Params: EntityRequest['params']; Querystring: EntityRequest['query'] };
    const status = async (request: FastifyRequest<EntityRoute>, reply: FastifyReply) =>
      send(reply, await handleEntityStatus(request, entities));
    const history = async (request: FastifyRequest<EntityRoute>, reply: FastifyReply) =>
      send(reply, await handleEntityHistory(request, entities));
    app.get<EntityRoute>('/entities/:connection/:entity/:id', status);
    app.get<EntityRoute>('/entities/:connection/:entity/:offerId/:id', status);
    app.get<EntityRoute>('/entities/:connection/:entity/:id/history', history);
    app.get<EntityRoute>('/entities/:connection/:entity/:offerId/:id/history', history);
  }

  // A webhook names where a change was seen: a connection some route syncs from.
  const webhookConnections = [...new Set(config.routes.map((route) => route.source))];
  const unsigned = webhookConnections.filter(
    (name) => !(config.connections[name]?.webhookSecret ?? config.webhookSecret),
  );
  if (unsigned.length > 0) {
    logger.warn(
      { connections: unsigned },
      "webhooks disabled for these connections: no webhook secret (WEBHOOK_SECRET or the connection's webhook_secret_env), so POST /webhooks/<connection> answers 503",
    );
  }
  await app.register((scope, _options, registered) => {
    // Every body reaches the handler as raw bytes: the signature covers them exactly, and the
    // handler, not Fastify, decides what an unsupported content type is told.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    scope.post<{ Params: { connection: string } }>(
      '/webhooks/:connection',
      { bodyLimit: bodyLimitBytes },
      async (request, reply) =>
        send(
          reply,
          await handleWebhook(
            {
              connection: request.params.connection,
              headers: request.headers,
              rawBody: request.body as Buffer | undefined,
            },
            {
              connections: webhookConnections,
              secretFor: (name) => config.connections[name]?.webhookSecret ?? config.webhookSecret,
              enqueueSync: deps.enqueueSync,
              replays: deps.webhookReplays,
              rejections,
              now: options.now ?? Date.now,
              toleranceMs: options.webhookToleranceMs ?? DEFAULT_TOLERANCE_MS,
              bodyLimitBytes,
              logger,
              metrics,
            },
          ),
        ),
    );
    registered();
  });

  if (user && password) {
    await app.register(async (scope) => {
      // Bull Board's retry, remove, clean, pause...: refused under DASHBOARD_READ_ONLY, and from
      // a browser only when the request comes from the board's own page (it cannot send our
      // CSRF token; Origin / Sec-Fetch-Site prove the page).
      scope.addHook('preHandler', async (request, reply) => {
        if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method))
          await guard.requireSameOrigin(request, reply);
      });
      await scope.register(
        createDashboard({
          queues: deps.queues,
          readOnly: config.dashboard.readOnly,
          basePath: dashboardPath,
          ...(deps.console ? { externalJobUrl: consoleJobUrl } : {}),
        }).registerPlugin(),
        {
          prefix: dashboardPath,
        },
      );
    });
    logger.info(
      { path: dashboardPath, readOnly: config.dashboard.readOnly },
      'dashboard enabled behind authentication',
    );
    const consoleDeps = deps.console;
    if (consoleDeps) {
      // A scope of its own: the console's form parser applies to its routes only.
      await app.register((scope, _options, registered) => {
        registerConsole(scope, {
          deps: consoleDeps,
          context: { readOnly: config.dashboard.readOnly, dashboardPath },
          csrf: createCsrf(csrfKey(password)),
          nav: CONSOLE_PAGES.flatMap((page) =>
            page.nav ? [{ label: page.nav, path: page.path }] : [],
          ),
          logger,
        });
        registered();
      });
      logger.info({ path: CONSOLE_PATH }, 'console enabled behind authentication');
    }
  } else {
    logger.info(
      `dashboard disabled: set DASHBOARD_USER and DASHBOARD_PASSWORD to serve Bull Board at ${dashboardPath}`,
    );
    const disabled = (_request: FastifyRequest, reply: FastifyReply) =>
      send(
        reply,
        errorResponse(
          404,
          'DASHBOARD_DISABLED',
          'the dashboard is disabled: set DASHBOARD_USER and DASHBOARD_PASSWORD',
        ),
      );
    app.get(dashboardPath, disabled);
    app.get(`${dashboardPath}/*`, disabled);
    // The console acts on the service: never without a login.
    if (deps.console) {
      app.all(CONSOLE_PATH, disabled);
      app.all(`${CONSOLE_PATH}/*`, disabled);
    }
  }

  return {
    app,
    routes,
    async listen(address = {}) {
      const host = address.host ?? config.http.host;
      await app.listen({ host, port: address.port ?? config.http.port });
      const bound = app.server.address();
      if (!bound || typeof bound === 'string') throw new Error('ingress did not bind a TCP port');
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`;
      logger.info({ url }, 'ingress listening');
      return url;
    },
    close: () => app.close(),
  };
}

/** The console's pages (src/ingress/console/pages) on `scope`, each through the console handler. */
function registerConsole(scope: FastifyInstance, env: ConsoleEnv): void {
  // Forms arrive URL-encoded; the handler parses them (small: a token and a field or two).
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, body),
  );
  scope.get(`${CONSOLE_PATH}/console.css`, (_request, reply) => send(reply, consoleStylesheet()));
  for (const page of CONSOLE_PAGES) {
    scope.route({
      method: page.method,
      url: page.path,
      handler: async (request, reply) =>
        send(
          reply,
          await handleConsoleRequest(
            page,
            {
              method: request.method,
              path: request.url.split('?')[0] ?? request.url,
              params: request.params as Record<string, string | undefined>,
              query: request.query as Record<string, unknown>,
              headers: request.headers,
              body: typeof request.body === 'string' ? request.body : undefined,
            },
            env,
          ),
        ),
    });
  }
}

function send(reply: FastifyReply, response: HandlerResponse): FastifyReply {
  return reply
    .code(response.status)
    .headers(response.headers ?? {})
    .send(response.body);
}

/** Fastify's own rejections (body too large, bad headers, ...) in our error shape. */
function fromFastifyError(
  error: FastifyError,
  request: FastifyRequest,
  logger: Logger,
): HandlerResponse {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return errorResponse(
      413,
      'BODY_TOO_LARGE',
      `body is over the limit of ${request.routeOptions.bodyLimit ?? '?'} bytes`,
    );
  }
  if (isRedisConnectionError(error)) {
    logger.warn(
      { method: request.method, url: request.url.split('?')[0] },
      'request refused: Redis is unavailable',
    );
    return redisUnavailable();
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    logger.error(
      { err: error, method: request.method, url: request.url.split('?')[0] },
      'ingress request failed',
    );
    return errorResponse(status, 'INTERNAL', 'internal error; see the offer-sync log');
  }
  return errorResponse(status, error.code ?? 'BAD_REQUEST', error.message);
}
