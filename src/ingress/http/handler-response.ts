// What every ingress handler returns. Handlers take plain values and return this; only the
// Fastify adapter turns it into an HTTP response, so handlers are tested without a server.

export interface HandlerResponse<Body = unknown> {
  status: number;
  body: Body;
  /** Extra response headers; `content-type` here overrides the JSON default. */
  headers?: Record<string, string>;
}

/** The one error shape every ingress route answers with. */
export interface ErrorBody {
  error: {
    /** Stable, machine-readable: `BAD_SIGNATURE`, `INVALID_BODY`, ... */
    code: string;
    /** A sentence saying what is wrong and, where it helps, what to do. */
    message: string;
    /** For schema failures: one entry per offending field. */
    issues?: { path: string; message: string }[];
  };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  issues?: ErrorBody['error']['issues'],
): HandlerResponse<ErrorBody> {
  return { status, body: { error: issues ? { code, message, issues } : { code, message } } };
}
