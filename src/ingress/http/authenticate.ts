// Authentication in one place: an `onRequest` hook on the root instance, so every route, those
// registered later by any plugin included, passes `authorize` before its handler runs; only the
// probes and the signed webhooks are let through without basic or bearer credentials. A
// refusal is 401 with a challenge and our error body, and nothing else: no data.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, type AuthSettings, type Principal } from '../auth/authorize.js';
import { errorResponse } from './handler-response.js';

const principals = new WeakMap<FastifyRequest, Principal>();

/** Who the request was let in as; every request that reached a handler has one. */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

export function registerAuthentication(app: FastifyInstance, settings: AuthSettings): void {
  app.addHook('onRequest', async (request, reply) => {
    const decision = authorize(
      {
        method: request.method,
        // The matched pattern, not the raw URL: `/healthz?x`, `/%68ealthz` and friends are
        // whatever route the router made of them, or none (404s are closed too).
        route: request.routeOptions.url,
        authorization: request.headers.authorization,
      },
      settings,
    );
    if (decision.ok) {
      principals.set(request, decision.principal);
      return;
    }
    const refusal = errorResponse(decision.status, decision.code, decision.message);
    await reply
      .code(refusal.status)
      .header('www-authenticate', decision.challenge)
      .header('cache-control', 'no-store')
      .send(refusal.body);
  });
}
