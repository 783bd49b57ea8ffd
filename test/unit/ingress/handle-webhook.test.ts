// The webhook handler on plain values: every rejection has its status, code and a message that
// says what to fix, and only a fully valid request reaches enqueueSync.
import { describe, expect, it } from 'vitest';
import {
  handleWebhook,
  signWebhook,
  type EnqueueSyncRequest,
  type WebhookDeps,
  type WebhookRequest,
} from '../../../src/ingress/index.js';
import { createLogger } from '../../../src/log/logger.js';
import type { WebhookReplayStore } from '../../../src/store/index.js';
import type { Rejection } from '../../../src/ingress/webhook/rejection-log.js';

/** The replay store's contract in memory; the Redis one is exercised in webhook-http.test.ts. */
function memoryReplays(): WebhookReplayStore & { seen: Set<string> } {
  const seen = new Set<string>();
  return {
    seen,
    claim: (signature) => {
      const first = !seen.has(signature);
      seen.add(signature);
      return Promise.resolve(first);
    },
    release: (signature) => {
      seen.delete(signature);
      return Promise.resolve();
    },
  };
}

const SECRET = 'unit-secret';
const NOW_MS = 1_700_000_000_000;

function harness(overrides: Partial<WebhookDeps> = {}) {
  const calls: EnqueueSyncRequest[] = [];
  const outcomes: string[] = [];
  const rejected: Rejection[] = [];
  const replays = memoryReplays();
  const deps: WebhookDeps = {
    connections: ['offerit', 'offerslook'],
    secretFor: () => SECRET,
    enqueueSync: (request) => {
      calls.push(request);
      return Promise.resolve({ jobIds: [`job-${calls.length}`] });
    },
    replays,
    rejections: { record: (rejection) => void rejected.push(rejection) },
    now: () => NOW_MS,
    toleranceMs: 300_000,
    bodyLimitBytes: 1024,
    logger: createLogger({ level: 'silent' }),
    metrics: { countWebhook: (connection, outcome) => outcomes.push(`${connection}:${outcome}`) },
    ...overrides,
  };
  return { calls, outcomes, rejected, replays, deps };
}

function signed(
  body: unknown,
  options: { connection?: string; timestamp?: number; contentType?: string } = {},
): WebhookRequest {
  const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    connection: options.connection ?? 'offerit',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      ...signWebhook(
        SECRET,
        options.connection ?? 'offerit',
        options.timestamp ?? NOW_MS / 1000,
        raw,
      ),
    },
    rawBody: raw,
  };
}

describe('handleWebhook', () => {
  it('enqueues a valid goal change and answers 202 with the job id', async () => {
    const { calls, outcomes, deps } = harness();
    const response = await handleWebhook(
      signed(
        { entity: 'goal', id: 48, offerId: '400', event: 'updated' },
        { connection: 'offerslook' },
      ),
      deps,
    );
    expect(response).toEqual({ status: 202, body: { jobId: 'job-1', jobIds: ['job-1'] } });
    expect(calls).toEqual([
      { connection: 'offerslook', entity: 'goal', id: '48', offerId: '400', event: 'updated' },
    ]);
    expect(outcomes).toEqual(['offerslook:accepted']);
  });

  it('accepts a charset parameter and +json types', async () => {
    const { calls, deps } = harness();
    for (const [index, contentType] of [
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/vnd.offer+json',
    ].entries()) {
      // A body of its own each: the same signed bytes again would be a replay.
      const response = await handleWebhook(
        signed({ entity: 'offer', id: String(index + 1) }, { contentType }),
        deps,
      );
      expect(response.status, contentType).toBe(202);
    }
    expect(calls).toHaveLength(3);
  });

  const rejections: [string, () => WebhookRequest, number, string, RegExp][] = [
    [
      'unknown connection',
      () => signed({ entity: 'offer', id: '1' }, { connection: 'hasoffers' }),
      404,
      'UNKNOWN_CONNECTION',
      /no webhook endpoint for connection "hasoffers"/,
    ],
    [
      'text body',
      () => signed({ entity: 'offer', id: '1' }, { contentType: 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /application\/json, got "text\/plain"/,
    ],
    [
      'form body',
      () => signed('entity=offer&id=1', { contentType: 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /form-urlencoded/,
    ],
    [
      'latin-1 JSON',
      () =>
        signed(
          { entity: 'offer', id: '1' },
          { contentType: 'application/json; charset=iso-8859-1' },
        ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /iso-8859-1/,
    ],
    [
      'no content type',
      () => withHeader(signed({ entity: 'offer', id: '1' }), 'content-type', undefined),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /got none/,
    ],
    [
      'oversized body',
      () => signed({ entity: 'offer', id: '1', event: 'x', pad: 'y'.repeat(2000) }),
      413,
      'BODY_TOO_LARGE',
      /limit is 1024 bytes/,
    ],
    [
      'no signature',
      () => withHeader(signed({ entity: 'offer', id: '1' }), 'x-offer-sync-signature', undefined),
      401,
      'MISSING_SIGNATURE',
      /missing x-offer-sync-signature/,
    ],
    [
      'no timestamp',
      () => withHeader(signed({ entity: 'offer', id: '1' }), 'x-offer-sync-timestamp', undefined),
      401,
      'MISSING_TIMESTAMP',
      /missing x-offer-sync-timestamp/,
    ],
    [
      'signature sent twice',
      () =>
        withHeader(signed({ entity: 'offer', id: '1' }), 'x-offer-sync-signature', [
          'sha256=a',
          'sha256=b',
        ]),
      401,
      'MISSING_SIGNATURE',
      /x-offer-sync-signature/,
    ],
    [
      'wrong secret',
      () => ({
        ...signed({ entity: 'offer', id: '1' }),
        headers: {
          'content-type': 'application/json',
          ...signWebhook('guess', 'offerit', NOW_MS / 1000, '{"entity":"offer","id":"1"}'),
        },
      }),
      401,
      'BAD_SIGNATURE',
      /does not match/,
    ],
    [
      'stale timestamp',
      () => signed({ entity: 'offer', id: '1' }, { timestamp: NOW_MS / 1000 - 600 }),
      401,
      'STALE_TIMESTAMP',
      /600 s old/,
    ],
    [
      'future timestamp',
      () => signed({ entity: 'offer', id: '1' }, { timestamp: NOW_MS / 1000 + 600 }),
      401,
      'FUTURE_TIMESTAMP',
      /600 s in the future/,
    ],
    ['broken JSON', () => signed('{"entity":"offer",'), 400, 'INVALID_JSON', /not valid JSON/],
    [
      'schema failure',
      () => signed({ entity: 'goal', id: '48' }),
      400,
      'INVALID_BODY',
      /^offerId: is required for a goal/,
    ],
  ];

  it.each(rejections)(
    'rejects %s with %i and enqueues nothing',
    async (_label, build, status, code, message) => {
      const { calls, deps, rejected, replays } = harness();
      const response = await handleWebhook(build(), deps);
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({
        error: { code, message: expect.stringMatching(message) },
      });
      expect(calls).toEqual([]);
      // Counted for the log by its reason, and no signature remembered for a refused request.
      expect(rejected).toEqual([expect.objectContaining({ reason: code, status })]);
      expect(replays.seen.size).toBe(0);
    },
  );

  it('checks the signature before the content type: unsigned is 401 whatever it carries', async () => {
    const { deps } = harness();
    const request = withHeader(
      signed('entity=offer', { contentType: 'text/plain' }),
      'x-offer-sync-signature',
      undefined,
    );
    expect((await handleWebhook(request, deps)).status).toBe(401);
  });

  it('refuses a request signed for another connection (the connection is signed)', async () => {
    const { calls, deps } = harness();
    const request = { ...signed({ entity: 'offer', id: '1' }), connection: 'offerslook' };
    const response = await handleWebhook(request, deps);
    expect(response).toMatchObject({ status: 401, body: { error: { code: 'BAD_SIGNATURE' } } });
    expect(calls).toEqual([]);
  });

  it('answers a replayed signature 200 duplicate and enqueues it once', async () => {
    const { calls, deps, outcomes } = harness();
    const request = signed({ entity: 'offer', id: '7' });
    expect((await handleWebhook(request, deps)).status).toBe(202);
    for (let replay = 0; replay < 3; replay += 1) {
      expect(await handleWebhook(request, deps)).toEqual({
        status: 200,
        body: { duplicate: true },
      });
    }
    expect(calls).toHaveLength(1);
    expect(outcomes).toEqual([
      'offerit:accepted',
      'offerit:duplicate',
      'offerit:duplicate',
      'offerit:duplicate',
    ]);
  });

  it('forgets the signature of a webhook it could not enqueue, so the retry is taken', async () => {
    let fail = true;
    const { deps, calls } = harness();
    const enqueue = deps.enqueueSync;
    deps.enqueueSync = (request) =>
      fail ? Promise.reject(new Error('Connection is closed.')) : enqueue(request);
    const request = signed({ entity: 'offer', id: '8' });
    expect((await handleWebhook(request, deps)).status).toBe(503);
    fail = false;
    expect((await handleWebhook(request, deps)).status).toBe(202);
    expect(calls).toHaveLength(1);
  });

  it('answers 503 REDIS_UNAVAILABLE, enqueuing nothing, when replays cannot be checked', async () => {
    const { deps, calls } = harness({
      replays: {
        claim: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:6379')),
        release: () => Promise.resolve(),
      },
    });
    const response = await handleWebhook(signed({ entity: 'offer', id: '9' }), deps);
    expect(response).toMatchObject({
      status: 503,
      body: { error: { code: 'REDIS_UNAVAILABLE' } },
    });
    expect(JSON.stringify(response.body)).not.toContain('10.0.0.7');
    expect(calls).toEqual([]);
  });

  it('lists every schema issue with its field', async () => {
    const { deps } = harness();
    const response = await handleWebhook(signed({ entity: 'banner', id: 1.5 }), deps);
    expect(response.body).toEqual({
      error: {
        code: 'INVALID_BODY',
        message:
          'entity: expected one of offer, goal, commission, got "banner"; id: expected a string id such as "400", got number 1.5',
        issues: [
          { path: 'entity', message: 'expected one of offer, goal, commission, got "banner"' },
          { path: 'id', message: 'expected a string id such as "400", got number 1.5' },
        ],
      },
    });
  });

  it('refuses to run without a secret, even for a request signed with an empty one', async () => {
    const { calls, deps } = harness({ secretFor: () => undefined });
    const request = signed({ entity: 'offer', id: '1' });
    request.headers = {
      'content-type': 'application/json',
      ...signWebhook('', request.connection, NOW_MS / 1000, request.rawBody!),
    };
    const response = await handleWebhook(request, deps);
    expect(response).toEqual({
      status: 503,
      body: {
        error: { code: 'WEBHOOKS_DISABLED', message: expect.stringMatching(/set WEBHOOK_SECRET/) },
      },
    });
    expect(calls).toEqual([]);
  });

  it('answers 503 without internals when the queue cannot take the job', async () => {
    const { deps, outcomes } = harness({
      enqueueSync: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:6379')),
    });
    const response = await handleWebhook(signed({ entity: 'offer', id: '1' }), deps);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      error: { code: 'ENQUEUE_FAILED', message: expect.stringMatching(/retry later/) },
    });
    expect(JSON.stringify(response.body)).not.toContain('10.0.0.7');
    expect(outcomes).toEqual(['offerit:ENQUEUE_FAILED']);
  });
});

function withHeader(
  request: WebhookRequest,
  name: string,
  value: string | string[] | undefined,
): WebhookRequest {
  return { ...request, headers: { ...request.headers, [name]: value } };
}
