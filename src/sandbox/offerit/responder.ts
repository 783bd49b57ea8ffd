// Offerit's own answers for the failures the shared runtime produces. Every failure carries the
// ASSUMED failure envelope `{"result":"Failure","message":...}`.
import type { FastifyReply } from 'fastify';
import type { Responder } from '../common/index.js';

export function failureEnvelope(message: string): { result: 'Failure'; message: string } {
  return { result: 'Failure', message };
}

export const offeritResponder: Responder = {
  rateLimited(reply: FastifyReply, retryAfterSeconds: number) {
    return reply
      .code(429)
      .header('retry-after', String(retryAfterSeconds))
      .send(failureEnvelope('Too many requests'));
  },
  fault(reply, kind) {
    switch (kind) {
      case 'server-error':
        return reply.code(503).send(failureEnvelope('Service temporarily unavailable'));
      case 'malformed':
        // What a PHP fatal error in the middle of a response looks like.
        return reply
          .code(200)
          .header('content-type', 'application/json')
          .send(
            '{"result":"Success","message":{"offerid":"4<br />\n<b>Fatal error</b>: Allowed memory size exhausted',
          );
      case 'wrong-shape':
        // Records that are neither offers, changes nor affiliates (no offerid, Change Id, loginid).
        return reply.code(200).send({
          result: 'Success',
          message: [{ row_type: 'summary', totals: { rows: 1 } }],
        });
      case 'failure-envelope':
        return reply.code(200).send(failureEnvelope('Database error, please try again'));
      case 'rate-limited':
        return offeritResponder.rateLimited(reply, 1);
    }
  },
};
