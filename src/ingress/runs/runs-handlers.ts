// GET /reconcile/runs and GET /reconcile/runs/:id as plain handlers: a request in, `{status,
// body}` out, in the style of the ingress handlers; the Fastify adapter only routes to them.
import { errorResponse, type ErrorBody, type HandlerResponse } from '../http/handler-response.js';
import { isRunId } from '../../store/runs/run-id.js';
import type { ReconcileReport, RunSummary } from '../../sync/reconcile/types.js';
import type { RunStore } from '../../store/runs/run-store.js';

/** Most runs one listing returns. */
const MAX_LIMIT = 200;

export async function handleListRuns(
  request: { query: { limit?: string | undefined } },
  runs: Pick<RunStore, 'list'>,
): Promise<HandlerResponse<{ runs: RunSummary[] } | ErrorBody>> {
  const text = request.query.limit;
  const limit = text === undefined ? 50 : Number(text);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return errorResponse(
      400,
      'INVALID_LIMIT',
      `limit must be a whole number from 1 to ${MAX_LIMIT}`,
    );
  }
  return { status: 200, body: { runs: await runs.list(limit) } };
}

export async function handleGetRun(
  request: { params: { id: string } },
  runs: Pick<RunStore, 'get'>,
): Promise<HandlerResponse<ReconcileReport | RunSummary | ErrorBody>> {
  const { id } = request.params;
  if (!isRunId(id)) {
    return errorResponse(400, 'INVALID_RUN_ID', `"${id.slice(0, 64)}" is not a reconcile run id`);
  }
  const run = await runs.get(id);
  if (!run) {
    return errorResponse(
      404,
      'RUN_NOT_FOUND',
      `no reconcile run ${id}: only the most recent runs are kept`,
    );
  }
  return { status: 200, body: run };
}
