export { createIngressServer } from './fastify-server.js';
export type { IngressDeps, IngressOptions, IngressServer } from './fastify-server.js';
export { errorResponse } from './handler-response.js';
export type { ErrorBody, HandlerResponse } from './handler-response.js';
export { principalOf } from './authenticate.js';
export { stateChangeGuard } from './state-change-guard.js';
export type { StateChangeGuard, StateChangeHook } from './state-change-guard.js';
export { REDIS_UNAVAILABLE, redisUnavailable } from './redis-unavailable.js';
