// Headers that keep browsers from misusing what the server sends, on every response (the
// dashboard, the console pages and the JSON routes alike): no framing by any page (clickjacking
// of the dashboard's buttons), no content-type sniffing (a JSON error rendered as HTML), no
// referrer leaking a path (unless the route set its own policy). The CSP says only `frame-ancestors`: Bull Board's page runs inline
// scripts and styles, which a fuller policy would break; a route that sets its own
// Content-Security-Policy keeps it, with `frame-ancestors 'none'` appended when it lacks one.
import type { FastifyInstance } from 'fastify';

const FRAME_ANCESTORS = "frame-ancestors 'none'";

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    // A route's own policy stays: the console sends `same-origin`, without which Chromium sends
    // `Origin: null` on its form POSTs and the console's CSRF check refuses every action.
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'no-referrer');
    const own = reply.getHeader('content-security-policy');
    if (typeof own === 'string' && own.trim() !== '') {
      if (!/frame-ancestors/i.test(own))
        reply.header('content-security-policy', `${own}; ${FRAME_ANCESTORS}`);
    } else {
      reply.header('content-security-policy', FRAME_ANCESTORS);
    }
    return payload;
  });
}
