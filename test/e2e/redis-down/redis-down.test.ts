// Redis down, with the real `offer-sync start` on its own private redis-server: once Redis is
// killed, every route answers within 2 s (503 with a JSON reason in our words, never a hang,
// never ioredis' message; /healthz still 200), the log says so once instead of ten lines a
// second, the service says so once more when Redis is back, and SIGTERM still exits within
// SHUTDOWN_TIMEOUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../src/ingress/index.js';
import {
  findOnPath,
  startPrivateRedis,
  type PrivateRedis,
} from '../../../src/redis/private-redis.js';
import { spawnCli, waitForOutput } from '../../helpers/cli.js';
import { spawn, type ChildProcess } from 'node:child_process';

const TOKEN = 'redis-down-api-token';
const SECRET = 'redis-down-webhook-secret';
const USER = 'ops';
const PASSWORD = 'redis-down-dashboard-password';
const SHUTDOWN_MS = 3000;

const BINARY = await findOnPath('redis-server');

describe.skipIf(!BINARY)('the service while Redis is down', () => {
  let redis: PrivateRedis;
  let child: ChildProcess;
  let url: string;
  let output = '';
  const lines = () => output.split('\n').filter((line) => line.startsWith('{'));

  beforeAll(async () => {
    redis = await startPrivateRedis(BINARY!);
    child = spawnCli(['start', '--concurrency', '1'], {
      REDIS_URL: redis.url,
      OFFER_SYNC_PREFIX: 'redis-down',
      HTTP_PORT: '0',
      API_TOKEN: TOKEN,
      WEBHOOK_SECRET: SECRET,
      DASHBOARD_USER: USER,
      DASHBOARD_PASSWORD: PASSWORD,
      SHUTDOWN_TIMEOUT: `${SHUTDOWN_MS}ms`,
      // Never called: no job reaches a platform in this test.
      OFFERIT_BASE_URL: 'http://127.0.0.1:9/api',
      OFFERIT_API_USERNAME: 'redis-down',
      OFFERIT_API_KEY: 'redis-down-offerit-key',
      OFFERSLOOK_BASE_URL: 'http://127.0.0.1:9',
      OFFERSLOOK_NETWORK: 'redis-down',
      OFFERSLOOK_API_KEY: 'redis-down-offerslook-key',
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    [, url] = (await waitForOutput(child, /health\s+(http:\/\/\S+)\/healthz/)) as unknown as [
      string,
      string,
    ];
  });
  let revived: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    revived?.kill('SIGKILL');
    await redis?.stop();
  });

  const bearer = { authorization: `Bearer ${TOKEN}` };
  const webhook = () => {
    const body = JSON.stringify({ entity: 'offer', id: String(Date.now()) });
    return {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signWebhook(SECRET, 'offerit', Math.floor(Date.now() / 1000), body),
      },
      body,
    };
  };
  const routes: [string, RequestInit][] = [
    ['/readyz', {}],
    ['/metrics', { headers: bearer }],
    ['/reconcile/runs', { headers: bearer }],
    ['/admin/queues/api/queues', { headers: bearer }],
    ['/webhooks/offerit', {}],
  ];

  it('answers normally while Redis is up', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    for (const [path, init] of routes) {
      const response = await fetch(
        `${url}${path}`,
        path.startsWith('/webhooks') ? webhook() : init,
      );
      expect(response.status, path).toBeLessThan(300);
    }
  });

  it('answers every route within 2 s once Redis is gone: 503, a reason in its own words', async () => {
    await redis.stop();
    // Let the connections notice (they do at once: the socket closes).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = lines().length;
    for (let round = 0; round < 3; round += 1) {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      for (const [path, init] of routes) {
        const started = Date.now();
        const response = await fetch(`${url}${path}`, {
          ...(path.startsWith('/webhooks') ? webhook() : init),
          signal: AbortSignal.timeout(5000),
        });
        const text = await response.text();
        expect(Date.now() - started, path).toBeLessThan(2000);
        expect(response.status, `${path}: ${text}`).toBe(503);
        const body = JSON.parse(text) as Record<string, unknown>;
        if (path === '/readyz')
          expect(body).toMatchObject({ ready: false, checks: { redis: 'unreachable' } });
        else
          expect(body).toEqual({
            error: {
              code: 'REDIS_UNAVAILABLE',
              message: expect.stringMatching(/Redis is unavailable/),
            },
          });
        expect(text, path).not.toMatch(
          /ECONNREFUSED|127\.0\.0\.1|Stream isn't writeable|Connection is closed/,
        );
      }
    }
    // Two more seconds of reconnect attempts (ioredis retries from 1 s on): still quiet.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const during = lines().slice(before);
    const unreachable = lines().filter((line) => line.includes('"redis unreachable"'));
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]).not.toContain('127.0.0.1');
    expect(during.length, during.join('\n')).toBeLessThan(8);
  });

  it('says once that Redis is back, and serves again', async () => {
    const port = new URL(redis.url).port;
    revived = spawn(
      BINARY!,
      [
        '--port',
        port,
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 20_000;
    while (!lines().some((line) => line.includes('"redis reachable again"'))) {
      if (Date.now() > deadline) throw new Error(`no "redis reachable again" in:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lines().filter((line) => line.includes('"redis reachable again"'))).toHaveLength(1);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { headers: bearer })).status).toBe(200);
    // Down again for the shutdown below.
    const gone = new Promise((resolve) => revived!.once('exit', resolve));
    revived.kill('SIGKILL');
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${url}/metrics`, { headers: bearer })).status).toBe(503);
  });

  it('exits within SHUTDOWN_TIMEOUT on SIGTERM with Redis still down', async () => {
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    const code = await exited;
    expect(Date.now() - started).toBeLessThan(SHUTDOWN_MS + 1000);
    expect(code).not.toBeNull();
  });
});
