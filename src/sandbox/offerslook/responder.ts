// Offerslook's own answers for the failures the sandbox runtime produces.
import type { Responder } from '../common/index.js';

export const offerslookResponder: Responder = {
  rateLimited(reply, retryAfterSeconds) {
    return reply
      .code(429)
      .header('retry-after', String(retryAfterSeconds))
      .send({ code: 429, message: 'Too many requests' });
  },
  fault(reply, kind) {
    switch (kind) {
      case 'server-error':
        return reply.code(503).send({ code: 503, message: 'Service temporarily unavailable' });
      case 'malformed':
        // What a proxy error page or a truncated answer looks like to a JSON reader.
        return reply
          .code(200)
          .type('application/json')
          .send('{"code":0,"message":"Success","data":{"offer":');
      case 'wrong-shape':
        // A list page (and an `/all` answer) whose rows are neither flat records nor nested ones.
        return reply.code(200).send({
          code: 0,
          message: 'Success',
          data: {
            rowset: [{ row_type: 'summary', totals: { rows: 1 } }],
            totalPages: 1,
            totalRows: 1,
            offset: 1,
            limit: 20,
          },
        });
      case 'failure-envelope':
        // A failure inside HTTP 200: `code` other than 0 is a failure whatever the status.
        return reply.code(200).send({ code: 1001, message: 'Operation failed, please try again' });
      case 'rate-limited':
        return offerslookResponder.rateLimited(reply, 1);
    }
  },
};
