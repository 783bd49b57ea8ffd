export { createIngressServer } from './fastify-server.js';
export type { IngressDeps, IngressOptions, IngressServer } from './fastify-server.js';
export { errorResponse } from './handler-response.js';
export type { ErrorBody, HandlerResponse } from './handler-response.js';
