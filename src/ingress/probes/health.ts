// GET /healthz: liveness. Answering at all proves the event loop runs; it checks nothing else,
// so a Redis outage never makes an orchestrator restart a process that would recover by itself.
import type { HandlerResponse } from '../http/handler-response.js';

export function handleHealth(): HandlerResponse<{ status: 'ok' }> {
  return { status: 200, body: { status: 'ok' } };
}
