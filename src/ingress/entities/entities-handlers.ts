// GET /entities/:connection/:entity/:id and GET /entities/:connection/:entity/:id/history as
// plain handlers (a request in, `{status, body}` out); the Fastify adapter only routes to them.
// A goal's or commission's id names its offer: `/entities/offerit/goal/400/48` (or `400%2F48`).
import type { EntityHistory, EntityStatus } from '../../sync/explain/index.js';
import { refOfParts, type EntityRef } from '../../vocabulary/index.js';
import { errorResponse, type ErrorBody, type HandlerResponse } from '../http/handler-response.js';

/** What the handlers ask of the application (the composition root supplies it). */
export interface EntitiesPort {
  /** The configured connection names. */
  connections: readonly string[];
  explain(ref: EntityRef, options: { check: boolean }): Promise<EntityStatus & { known: boolean }>;
  history(ref: EntityRef): Promise<EntityHistory>;
}

export interface EntityRequest {
  params: { connection: string; entity: string; id: string; offerId?: string };
  query: { check?: string | undefined };
}

function refOf(
  request: EntityRequest,
  entities: EntitiesPort,
): EntityRef | HandlerResponse<ErrorBody> {
  const { connection, entity, offerId } = request.params;
  const id = offerId === undefined ? request.params.id : `${offerId}/${request.params.id}`;
  const ref = refOfParts(connection, entity, id);
  if (typeof ref === 'string') return errorResponse(400, 'INVALID_REF', ref);
  if (!entities.connections.includes(connection)) {
    return errorResponse(
      404,
      'UNKNOWN_CONNECTION',
      `no connection named ${JSON.stringify(connection.slice(0, 64))} (configured: ${entities.connections.join(', ')})`,
    );
  }
  return ref;
}

export async function handleEntityStatus(
  request: EntityRequest,
  entities: EntitiesPort,
): Promise<HandlerResponse<EntityStatus | ErrorBody>> {
  const ref = refOf(request, entities);
  if ('status' in ref) return ref;
  const check = request.query.check;
  if (check !== undefined && check !== 'true' && check !== 'false') {
    return errorResponse(
      400,
      'INVALID_CHECK',
      `check must be true or false, got ${JSON.stringify(check.slice(0, 16))}`,
    );
  }
  const { known, ...status } = await entities.explain(ref, { check: check !== 'false' });
  if (!known) {
    return errorResponse(
      404,
      'ENTITY_NOT_FOUND',
      `offer-sync knows nothing of ${status.ref} and the platform does not have it`,
    );
  }
  return { status: 200, body: status };
}

export async function handleEntityHistory(
  request: EntityRequest,
  entities: EntitiesPort,
): Promise<HandlerResponse<EntityHistory | ErrorBody>> {
  const ref = refOf(request, entities);
  if ('status' in ref) return ref;
  return { status: 200, body: await entities.history(ref) };
}
