// `offer-sync start` as a child process against both sandboxes and a redis-server of its own:
// a signed webhook goes through the real HTTP server, queue and worker to the other platform,
// and /readyz follows Redis going away and coming back (the service then works again).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type SandboxPair } from '../../../src/sandbox/demo/start-sandboxes.js';
import { findOnPath, freePort } from '../../../src/redis/private-redis.js';
import { startRedisProcess, type RedisProcess } from '../../helpers/redis-processes.js';
import { waitFor } from '../../helpers/wait-for.js';
import {
  postSignedWebhook,
  readiness,
  spawnService,
  type ServiceProcess,
} from './service-process.js';

const SECRET = 'entry-points-webhook-secret';
const REDIS_ARGS = ['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];

describe('offer-sync start: webhook and readiness', () => {
  let dir: string;
  let binary: string;
  let port: number;
  let redis: RedisProcess;
  let sandboxes: SandboxPair;
  let service: ServiceProcess;
  let url: string;

  beforeAll(async () => {
    binary = (await findOnPath('redis-server')) ?? '';
    if (!binary)
      throw new Error('this test needs redis-server on PATH (apt-get install redis-server)');
    dir = await mkdtemp(join(tmpdir(), 'offer-sync-entry-'));
    port = await freePort();
    redis = await startRedisProcess(binary, dir, port, REDIS_ARGS);
    sandboxes = await startSandboxes({ offerslookRateLimit: null });
    service = spawnService(['start'], {
      ...sandboxes.env,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      HTTP_PORT: '0',
      WEBHOOK_SECRET: SECRET,
      OFFERIT_RATE_LIMIT: '100000/1s',
      OFFERSLOOK_RATE_LIMIT: '100000/1s',
      LOG_LEVEL: 'warn',
    });
    url = await service.url;
  }, 90_000);

  afterAll(async () => {
    await service?.stop();
    await sandboxes?.stop();
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  /** The Offerslook offers named like Offerit's offer `id`. */
  function twinsOf(id: string) {
    const name = sandboxes.offerit.state.offers.get(id)!.fields.name;
    return [...sandboxes.offerslook.state.store.offers.values()].filter(
      (offer) => offer.name === name,
    );
  }

  it('a signed webhook on Offerit is mirrored to Offerslook', async () => {
    expect(twinsOf('400')).toEqual([]);
    const response = await postSignedWebhook(url, 'offerit', SECRET, {
      entity: 'offer',
      id: '400',
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { jobIds: string[] };
    expect(body.jobIds).toHaveLength(1);

    const twins = await waitFor(
      () => twinsOf('400').length > 0 && twinsOf('400'),
      'the twin',
      30_000,
    );
    expect(twins).toHaveLength(1);

    // A bad signature is refused and enqueues nothing.
    const forged = await postSignedWebhook(url, 'offerit', 'not-the-secret', {
      entity: 'offer',
      id: '401',
    });
    expect(forged.status).toBe(401);
  }, 60_000);

  it('/readyz turns false when Redis goes away and true when it returns; webhooks work again', async () => {
    expect(await readiness(url)).toMatchObject({
      status: 200,
      body: { ready: true, checks: { redis: 'ok', workers: 'ok' } },
    });

    await redis.kill();
    const down = await waitFor(
      async () => {
        const probe = await readiness(url);
        return probe.status === 503 && probe;
      },
      '/readyz to answer 503',
      30_000,
      200,
    );
    expect((down.body as { ready: boolean }).ready).toBe(false);
    expect(JSON.stringify(down.body)).toMatch(/redis|readiness/);
    // The process itself stays up: liveness is not readiness.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    redis = await startRedisProcess(binary, dir, port, REDIS_ARGS);
    const up = await waitFor(
      async () => {
        const probe = await readiness(url);
        return probe.status === 200 && probe;
      },
      '/readyz to answer 200 again',
      45_000,
      200,
    );
    expect(up.body).toMatchObject({ ready: true, checks: { redis: 'ok', workers: 'ok' } });

    // The new Redis is empty (no persistence): the next webhook still goes all the way through.
    const response = await postSignedWebhook(url, 'offerit', SECRET, {
      entity: 'offer',
      id: '401',
    });
    expect(response.status).toBe(202);
    await waitFor(() => twinsOf('401').length > 0, 'the twin of 401 after Redis came back', 45_000);
  }, 150_000);
});
