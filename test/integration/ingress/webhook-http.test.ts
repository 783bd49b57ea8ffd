// POST /webhooks/:connection over real HTTP, with real BullMQ queues on the test Redis: every
// rejection leaves all queues empty; an accepted webhook becomes exactly one job.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../src/ingress/index.js';
import { redisScope } from '../../helpers/redis.js';
import { BEARER, startIngress, type IngressFixture } from './ingress-fixture.js';

const SECRET = 'integration-webhook-secret-0123456789';
const scope = redisScope('ingress-webhook');
let ingress: IngressFixture;

beforeAll(async () => {
  ingress = await startIngress(scope, {
    env: { WEBHOOK_SECRET: SECRET },
    webhookBodyLimitBytes: 2048,
  });
});
afterAll(async () => {
  await ingress.close();
  await scope.cleanup();
});

function post(platform: string, body: string, headers: Record<string, string>) {
  return fetch(`${ingress.url}/webhooks/${platform}`, { method: 'POST', headers, body });
}

function signedPost(
  platform: string,
  payload: unknown,
  extra: { timestamp?: number; headers?: Record<string, string> } = {},
) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const timestamp = extra.timestamp ?? Math.floor(Date.now() / 1000);
  return post(platform, body, {
    'content-type': 'application/json',
    ...signWebhook(SECRET, platform, timestamp, body),
    ...extra.headers,
  });
}

describe('webhook over HTTP', () => {
  describe('rejections enqueue nothing', () => {
    afterEach(async () => {
      expect(ingress.enqueued).toEqual([]);
      expect(await ingress.jobTotal()).toBe(0);
    });

    it('401 without a signature, naming the header', async () => {
      const response = await post('offerit', '{"entity":"offer","id":"1"}', {
        'content-type': 'application/json',
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: {
          code: 'MISSING_TIMESTAMP',
          message: expect.stringContaining('x-offer-sync-timestamp'),
        },
      });
    });

    it('401 for a signature made with another secret', async () => {
      const body = '{"entity":"offer","id":"1"}';
      const response = await post('offerit', body, {
        'content-type': 'application/json',
        ...signWebhook('not-the-secret', 'offerit', Math.floor(Date.now() / 1000), body),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { code: 'BAD_SIGNATURE', message: expect.stringContaining('does not match') },
      });
    });

    it('401 when the body was changed after signing (raw bytes are verified)', async () => {
      const signedBody = '{"entity":"offer","id":"1"}';
      const headers = signWebhook(SECRET, 'offerit', Math.floor(Date.now() / 1000), signedBody);
      // Same JSON value, different bytes: a parse-then-reserialise verifier would accept this.
      const response = await post('offerit', '{"entity": "offer", "id": "1"}', {
        'content-type': 'application/json',
        ...headers,
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_SIGNATURE' } });
    });

    it('401 for stale and future timestamps, saying which', async () => {
      const now = Math.floor(Date.now() / 1000);
      const stale = await signedPost(
        'offerit',
        { entity: 'offer', id: '1' },
        { timestamp: now - 3600 },
      );
      expect(stale.status).toBe(401);
      expect(await stale.json()).toMatchObject({
        error: { code: 'STALE_TIMESTAMP', message: expect.stringMatching(/s old/) },
      });
      const future = await signedPost(
        'offerit',
        { entity: 'offer', id: '1' },
        { timestamp: now + 3600 },
      );
      expect(future.status).toBe(401);
      expect(await future.json()).toMatchObject({
        error: { code: 'FUTURE_TIMESTAMP', message: expect.stringMatching(/in the future/) },
      });
    });

    it('400 for a schema failure, naming the field', async () => {
      const response = await signedPost('offerslook', { entity: 'commission', id: '59' });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: {
          code: 'INVALID_BODY',
          message: 'offerId: is required for a commission (it lives under an offer)',
          issues: [
            { path: 'offerId', message: 'is required for a commission (it lives under an offer)' },
          ],
        },
      });
    });

    it('400 for malformed JSON', async () => {
      const response = await signedPost('offerit', '{"entity":');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_JSON' } });
    });

    it('413 for a body over the limit, before reading it all', async () => {
      const response = await signedPost('offerit', {
        entity: 'offer',
        id: '1',
        event: 'x',
        pad: 'p'.repeat(4096),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        error: { code: 'BODY_TOO_LARGE', message: 'body is over the limit of 2048 bytes' },
      });
    });

    it('415 for a non-JSON content type, naming what was sent', async () => {
      const body = 'entity=offer&id=1';
      const response = await post('offerit', body, {
        'content-type': 'application/x-www-form-urlencoded',
        ...signWebhook(SECRET, 'offerit', Math.floor(Date.now() / 1000), body),
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        error: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message:
            'expected Content-Type: application/json, got "application/x-www-form-urlencoded"',
        },
      });
    });

    it('404 for an unknown connection', async () => {
      const response = await signedPost('hasoffers', { entity: 'offer', id: '1' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        error: {
          code: 'UNKNOWN_CONNECTION',
          message: 'no webhook endpoint for connection "hasoffers"; see offer-sync connections',
        },
      });
    });
  });

  it('202 with the job id of exactly one queued job; the secret never reaches the log', async () => {
    const response = await signedPost('offerit', {
      entity: 'goal',
      id: 48,
      offerId: '400',
      event: 'updated',
    });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    expect(ingress.enqueued).toEqual([
      { connection: 'offerit', entity: 'goal', id: '48', offerId: '400', event: 'updated' },
    ]);
    const job = await ingress.queues['sync-offerslook'].getJob(jobId);
    expect(job?.data).toMatchObject({
      source: 'offerit',
      kind: 'goal',
      id: '48',
      offerId: '400',
      event: 'updated',
    });
    expect(await ingress.jobTotal()).toBe(1);
    const metrics = await (await fetch(`${ingress.url}/metrics`, { headers: BEARER })).text();
    expect(metrics).toContain('offer_sync_webhooks_total{network="offerit",outcome="accepted"} 1');
    expect(metrics).toContain(
      'offer_sync_webhooks_total{network="offerit",outcome="BAD_SIGNATURE"} 2',
    );
    expect(ingress.logLines.some((line) => line.includes('webhook accepted'))).toBe(true);
    expect(ingress.logLines.join('\n')).not.toContain(SECRET);
  });
});

describe('webhook without a configured secret', () => {
  const bare = redisScope('ingress-nosecret');
  let unsigned: IngressFixture;
  beforeAll(async () => {
    unsigned = await startIngress(bare);
  });
  afterAll(async () => {
    await unsigned.close();
    await bare.cleanup();
  });

  it('refuses with 503 and a clear message, and queues nothing', async () => {
    const body = '{"entity":"offer","id":"1"}';
    const response = await fetch(`${unsigned.url}/webhooks/offerit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signWebhook('', 'offerit', Math.floor(Date.now() / 1000), body),
      },
      body,
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: 'WEBHOOKS_DISABLED',
        message:
          'webhooks are disabled for this connection: set WEBHOOK_SECRET_OFFERIT or WEBHOOK_SECRET to accept signed webhooks',
      },
    });
    expect(unsigned.enqueued).toEqual([]);
    expect(await unsigned.jobTotal()).toBe(0);
    expect(unsigned.logLines.some((line) => line.includes('webhooks disabled'))).toBe(true);
  });
});

describe('webhook hardening over HTTP', () => {
  const hard = redisScope('ingress-webhook-hard');
  const OFFERIT_SECRET = 'offerit-own-webhook-secret';
  let server: IngressFixture;
  beforeAll(async () => {
    server = await startIngress(hard, {
      env: { WEBHOOK_SECRET: SECRET, WEBHOOK_SECRET_OFFERIT: OFFERIT_SECRET },
    });
  });
  afterAll(async () => {
    await server.close();
    await hard.cleanup();
  });

  const send = (connection: string, secret: string, body: string, timestamp?: number) =>
    fetch(`${server.url}/webhooks/${connection}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signWebhook(secret, connection, timestamp ?? Math.floor(Date.now() / 1000), body),
      },
      body,
    });

  it('takes a replayed signature once: 202, then 200 duplicate with nothing enqueued', async () => {
    const body = '{"entity":"offer","id":"501"}';
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await send('offerit', OFFERIT_SECRET, body, timestamp);
    expect(first.status).toBe(202);
    for (let replay = 0; replay < 5; replay += 1) {
      const again = await send('offerit', OFFERIT_SECRET, body, timestamp);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ duplicate: true });
    }
    expect(server.enqueued).toHaveLength(1);
    expect(await server.jobTotal()).toBe(1);
    // Remembered in Redis, under the deployment's hash tag, as a hash (never the signature),
    // and only for the signature's window.
    const redis = hard.connect();
    const keys = await redis.keys(`{${hard.prefix}}:webhook:seen:*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(302_000);
  });

  it("binds each connection to its own secret and name: offerit's signature fails on offerslook", async () => {
    const body = '{"entity":"offer","id":"502"}';
    // Signed for offerit, sent to offerslook: the connection is in the signed string.
    const headers = signWebhook(OFFERIT_SECRET, 'offerit', Math.floor(Date.now() / 1000), body);
    const moved = await fetch(`${server.url}/webhooks/offerslook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    expect(moved.status).toBe(401);
    // offerit has a secret of its own now: the fallback no longer opens it...
    expect((await send('offerit', SECRET, body)).status).toBe(401);
    // ...while offerslook, without one, still takes WEBHOOK_SECRET.
    expect((await send('offerslook', SECRET, body)).status).toBe(202);
    expect(server.enqueued.filter((request) => request.id === '502')).toHaveLength(1);
  });

  it('refuses ids that are not digits, naming the field, and queues nothing', async () => {
    const before = server.enqueued.length;
    for (const id of ['.', '..', '1.5', '../1']) {
      const response = await send('offerslook', SECRET, JSON.stringify({ entity: 'offer', id }));
      expect(response.status, id).toBe(400);
      expect(await response.json()).toMatchObject({
        error: {
          code: 'INVALID_BODY',
          issues: [{ path: 'id', message: expect.stringMatching(/^expected digits only/) }],
        },
      });
    }
    expect(server.enqueued.length).toBe(before);
  });

  it('logs a flood of 200 rejected webhooks in a handful of lines', async () => {
    const rejectedLines = () =>
      server.logLines.filter((line) => line.includes('"webhook rejected"')).length;
    const before = rejectedLines();
    for (let index = 0; index < 200; index += 1) {
      const response = await fetch(`${server.url}/webhooks/offerit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"entity":"offer","id":"${index}"}`,
      });
      expect(response.status).toBe(401);
    }
    // At most the first five of the window in full (earlier tests may have used some of them).
    expect(rejectedLines() - before).toBeLessThanOrEqual(5);
    expect(server.logLines.length).toBeLessThan(60);
    await server.close();
    // Closing ends the window: one count per reason.
    const summary = server.logLines
      .filter((line) => line.includes('webhooks rejected in the last window'))
      .map((line) => JSON.parse(line) as { code: string; count: number });
    expect(summary).toContainEqual(
      expect.objectContaining({ code: 'MISSING_TIMESTAMP', count: 200 }),
    );
  });
});
