// The guard every route that changes state runs before its handler, and the token its pages
// embed. Use, inside createIngressServer:
//   const guard = stateChangeGuard(config.dashboard);
//   app.post('/console/conflicts/:id/resolve', { preHandler: guard.requireForm }, handler);
//   // in the page served to a browser: <input type="hidden" name="_csrf" value="${guard.csrfTokenFor(request)}">
//   // or, for fetch(): headers: { 'x-csrf-token': token }
// `requireForm` wants the CSRF token from browser logins (forms, console buttons);
// `requireSameOrigin` only the Origin / Sec-Fetch-Site proof, for a third-party UI that cannot
// send our token (Bull Board's retry and remove, which fetch() from its own page). Both refuse
// everything under DASHBOARD_READ_ONLY with 403 READ_ONLY. See src/ingress/auth/state-change.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  checkStateChange,
  CSRF_FIELD,
  CSRF_HEADER,
  csrfToken,
  type StateChangeSettings,
} from '../auth/state-change.js';
import { principalOf } from './authenticate.js';
import { errorResponse } from './handler-response.js';

export interface DashboardSettings {
  user?: string | undefined;
  password?: string | undefined;
  readOnly: boolean;
}

export type StateChangeHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface StateChangeGuard {
  requireForm: StateChangeHook;
  requireSameOrigin: StateChangeHook;
  /** The token for the request's login; `undefined` for requests that need none (bearer). */
  csrfTokenFor(request: FastifyRequest): string | undefined;
}

export function stateChangeGuard(dashboard: DashboardSettings): StateChangeGuard {
  const login =
    dashboard.user && dashboard.password
      ? { user: dashboard.user, password: dashboard.password }
      : undefined;
  const hook =
    (requireToken: boolean): StateChangeHook =>
    async (request, reply) => {
      const settings: StateChangeSettings = {
        readOnly: dashboard.readOnly,
        dashboard: login,
        requireToken,
      };
      const decision = checkStateChange(
        {
          principal: principalOf(request),
          host: single(request.headers.host),
          origin: single(request.headers.origin),
          secFetchSite: single(request.headers['sec-fetch-site']),
          csrfToken: single(request.headers[CSRF_HEADER]) ?? formField(request.body),
        },
        settings,
      );
      if (decision.ok) return;
      const refusal = errorResponse(decision.status, decision.code, decision.message);
      await reply.code(refusal.status).send(refusal.body);
    };
  return {
    requireForm: hook(true),
    requireSameOrigin: hook(false),
    csrfTokenFor: (request) =>
      login && principalOf(request)?.kind === 'dashboard' ? csrfToken(login) : undefined,
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function formField(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}
