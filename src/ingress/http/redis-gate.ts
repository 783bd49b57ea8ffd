// While Redis is away, every route that needs it answers 503 REDIS_UNAVAILABLE at once: a
// command sent on a reconnecting worker connection would wait for Redis to return, and the
// caller with it. The probes answer for themselves (`/healthz` needs no Redis, `/readyz` says
// Redis is down). Registered after authentication, so an unauthenticated caller still gets 401.
import type { FastifyInstance } from 'fastify';
import { OPEN_ROUTES } from '../auth/authorize.js';
import { redisUnavailable } from './redis-unavailable.js';

export function registerRedisGate(app: FastifyInstance, available: () => boolean): void {
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route !== undefined && OPEN_ROUTES.includes(route)) return;
    if (available()) return;
    const refusal = redisUnavailable();
    await reply.code(refusal.status).header('retry-after', '5').send(refusal.body);
  });
}
