// POST /webhooks/:connection. Checks run cheapest-and-least-trusting first, and nothing is
// enqueued unless every one passes: the signature over the raw bytes (and the connection they
// were sent to) is verified before anything else is read of the request, the body is parsed
// after it, and a signature already accepted inside its window is a replay: 200
// `{"duplicate":true}`, nothing enqueued. A change on a connection is synced along every route
// out of it. Rejections are logged by the minute (rejection-log.ts), never a line each.
import type { Logger } from 'pino';
import type { ConnectionName } from '../../vocabulary/index.js';
import type { MetricsRegistry } from '../../metrics/index.js';
import type { WebhookReplayStore } from '../../store/webhook-replays/index.js';
import { errorResponse, type ErrorBody, type HandlerResponse } from '../http/handler-response.js';
import { redisUnavailable } from '../http/redis-unavailable.js';
import type { RejectionLog } from './rejection-log.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from './signature.js';
import { parseWebhookBody, type WebhookEntity } from './webhook-body.js';

/** What the queue layer receives: references only, never record contents or credentials. */
export interface EnqueueSyncRequest {
  /** The connection the change was seen on. */
  connection: ConnectionName;
  entity: WebhookEntity;
  id: string;
  /** Set for goals and commissions. */
  offerId?: string;
  event?: string;
}

/** Enqueues a sync along each route out of the connection; resolves with their job ids. */
export type EnqueueSync = (request: EnqueueSyncRequest) => Promise<{ jobIds: string[] }>;

export interface WebhookRequest {
  /** The `:connection` path segment, unchecked. */
  connection: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received; `undefined` when there was none. */
  rawBody: Buffer | undefined;
}

export interface WebhookDeps {
  /** The connections webhooks may name (those with a route out of them). */
  connections: readonly ConnectionName[];
  /**
   * A connection's webhook secret; `undefined` disables its endpoint (503): an unsigned webhook
   * would let anyone trigger syncs.
   */
  secretFor(connection: ConnectionName): string | undefined;
  enqueueSync: EnqueueSync;
  /** Signatures already accepted: a repeat inside its window enqueues nothing. */
  replays: WebhookReplayStore;
  /** Where rejections are counted and (the first few each minute) logged. */
  rejections: Pick<RejectionLog, 'record'>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Replay window either side of now, in milliseconds. */
  toleranceMs: number;
  /** Largest accepted body, in bytes. */
  bodyLimitBytes: number;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  metrics?: Pick<MetricsRegistry, 'countWebhook'>;
}

export interface AcceptedBody {
  /** The first job (with one route out of the connection, the only one). */
  jobId: string;
  /** One per route out of the connection. */
  jobIds: string[];
}

/** The answer to a replayed signature: the change was queued when it first arrived. */
export interface DuplicateBody {
  duplicate: true;
}

export async function handleWebhook(
  request: WebhookRequest,
  deps: WebhookDeps,
): Promise<HandlerResponse<AcceptedBody | DuplicateBody | ErrorBody>> {
  const response = await decide(request, deps);
  const outcome =
    response.status === 202
      ? 'accepted'
      : response.status === 200
        ? 'duplicate'
        : (response.body as ErrorBody).error.code;
  if (deps.connections.includes(request.connection))
    deps.metrics?.countWebhook(request.connection, outcome);
  if (response.status >= 400 && response.status !== 503) {
    deps.rejections.record({
      connection: request.connection,
      status: response.status,
      reason: outcome,
    });
  }
  return response;
}

async function decide(
  request: WebhookRequest,
  deps: WebhookDeps,
): Promise<HandlerResponse<AcceptedBody | DuplicateBody | ErrorBody>> {
  const { connection } = request;
  if (!deps.connections.includes(connection)) {
    // Which connections exist is not told to an unauthenticated caller.
    return errorResponse(
      404,
      'UNKNOWN_CONNECTION',
      `no webhook endpoint for connection ${JSON.stringify(connection.slice(0, 64))}; see offer-sync connections`,
    );
  }
  const secret = deps.secretFor(connection);
  if (!secret) {
    return errorResponse(
      503,
      'WEBHOOKS_DISABLED',
      `webhooks are disabled for this connection: set WEBHOOK_SECRET_${connection.toUpperCase().replace(/-/g, '_')} or WEBHOOK_SECRET to accept signed webhooks`,
    );
  }
  const rawBody = request.rawBody ?? Buffer.alloc(0);
  if (rawBody.length > deps.bodyLimitBytes) {
    return errorResponse(
      413,
      'BODY_TOO_LARGE',
      `body is ${rawBody.length} bytes; the limit is ${deps.bodyLimitBytes} bytes`,
    );
  }
  const verdict = verifyWebhookSignature({
    secret,
    connection,
    timestamp: single(request.headers[TIMESTAMP_HEADER]),
    signature: single(request.headers[SIGNATURE_HEADER]),
    rawBody,
    nowMs: deps.now(),
    toleranceMs: deps.toleranceMs,
  });
  if (!verdict.ok) return errorResponse(401, verdict.code, verdict.message);
  const contentType = single(request.headers['content-type']);
  if (!isJson(contentType)) {
    return errorResponse(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `expected Content-Type: application/json, got ${contentType ? JSON.stringify(contentType) : 'none'}`,
    );
  }

  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    return errorResponse(
      400,
      'INVALID_JSON',
      `body is not valid JSON: ${(error as Error).message}`,
    );
  }
  const parsed = parseWebhookBody(json);
  if (!parsed.ok) {
    const summary = parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return errorResponse(400, 'INVALID_BODY', summary, parsed.issues);
  }
  let first: boolean;
  try {
    first = await deps.replays.claim(verdict.signature, verdict.expiresAtMs);
  } catch {
    // Without the replay store a replay cannot be told apart: refuse, the sender retries.
    return redisUnavailable('the webhook could not be checked for replays');
  }
  if (!first) {
    deps.logger.info({ connection, ...parsed.body }, 'webhook replayed: already queued');
    return { status: 200, body: { duplicate: true } };
  }
  try {
    const { jobIds } = await deps.enqueueSync({ connection, ...parsed.body });
    deps.logger.info({ connection, ...parsed.body, jobIds }, 'webhook accepted');
    return { status: 202, body: { jobId: jobIds[0] ?? '', jobIds } };
  } catch (error) {
    // The claim goes, so the sender's retry of this very request is accepted.
    await deps.replays.release(verdict.signature).catch(() => undefined);
    // The cause stays in the log: its text may name internal hosts.
    deps.logger.error({ err: error, connection, ...parsed.body }, 'webhook could not be enqueued');
    return errorResponse(
      503,
      'ENQUEUE_FAILED',
      'the change could not be queued right now; retry later',
    );
  }
}

/** A header sent twice is as good as absent: which copy was signed is unknowable. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `application/json` or any `+json` type, in UTF-8 (JSON's only charset worth accepting). */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type = '', ...params] = contentType
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) return false;
  const charset = params.find((param) => param.startsWith('charset='));
  return charset === undefined || ['charset=utf-8', 'charset="utf-8"'].includes(charset);
}
