// The start-up eviction guard on a real redis-server with `maxmemory-policy allkeys-lru`:
// `offer-sync start` refuses (exit 1, saying why and what to do), and with ALLOW_EVICTION=true
// it starts, warns, serves and stops cleanly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type SandboxPair } from '../../../src/sandbox/demo/start-sandboxes.js';
import { findOnPath, freePort } from '../../../src/redis/private-redis.js';
import { startRedisProcess, type RedisProcess } from '../../helpers/redis-processes.js';
import { readiness, spawnService, type ServiceProcess } from './service-process.js';

describe('offer-sync start on a Redis that may evict keys', () => {
  let dir: string;
  let redis: RedisProcess;
  let sandboxes: SandboxPair;
  let env: Record<string, string>;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    const binary = await findOnPath('redis-server');
    if (!binary)
      throw new Error('this test needs redis-server on PATH (apt-get install redis-server)');
    dir = await mkdtemp(join(tmpdir(), 'offer-sync-evict-'));
    const port = await freePort();
    redis = await startRedisProcess(binary, dir, port, [
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory',
      '64mb',
      '--maxmemory-policy',
      'allkeys-lru',
    ]);
    sandboxes = await startSandboxes({ seed: false, offerslookRateLimit: null });
    env = {
      ...sandboxes.env,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop('SIGKILL')));
    await sandboxes?.stop();
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('refuses on allkeys-lru; starts with ALLOW_EVICTION=true, warning that it does', async () => {
    // Both at once: each is a cold start of the CLI.
    const refused = spawnService(['start'], env);
    const allowed = spawnService(['start'], { ...env, ALLOW_EVICTION: 'true' });
    services.push(refused, allowed);

    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(
      'offer-sync could not start: refusing to start: Redis maxmemory-policy is allkeys-lru, not noeviction',
    );
    expect(refused.output()).toContain(
      'Set maxmemory-policy noeviction, or ALLOW_EVICTION=true to run anyway',
    );
    expect(refused.output()).not.toContain('offer-sync is running');

    const url = await allowed.url;
    const warning = allowed
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((line) => line.msg.includes('ALLOW_EVICTION'));
    expect(warning).toMatchObject({
      level: 40,
      msg: 'Redis maxmemory-policy is allkeys-lru, not noeviction: under memory pressure it may evict queued jobs and links; running anyway because ALLOW_EVICTION=true',
    });
    expect((await readiness(url)).status).toBe(200);
    expect(await allowed.stop('SIGTERM')).toBe(0);
  }, 90_000);
});
