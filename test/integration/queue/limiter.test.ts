import { afterAll, describe, expect, it } from 'vitest';
import { analyseGrants } from '../../../bench/limiter/analyse.js';
import { hammer } from '../../../bench/limiter/hammer.js';
import { spawnHammer } from '../../../bench/limiter/spawn-hammer.js';
import { createRateLimiter, limiterKeys } from '../../../src/queue/index.js';
import { redisScope } from '../../helpers/redis.js';

describe('strict Redis rate limiter', () => {
  const scope = redisScope('limiter');
  afterAll(() => scope.cleanup());

  it('never lets a sliding window exceed max across several connections in one process, and uses the budget', async () => {
    const prefix = `${scope.prefix}-conns`;
    const limit = { max: 10, durationMs: 400 };
    const limiters = [scope.connect(), scope.connect(), scope.connect()].map((redis) =>
      createRateLimiter(redis, prefix, { offerslook: limit }),
    );
    const grants = await hammer(limiters, {
      network: 'offerslook',
      concurrency: 9,
      durationMs: 2200,
    });
    const analysis = analyseGrants(grants, limit.max, limit.durationMs);
    expect(analysis.overLimitWindows).toBe(0);
    expect(analysis.maxInWindow).toBe(limit.max);
    expect(analysis.ratio).toBeGreaterThanOrEqual(0.8);
    expect(analysis.ratio).toBeLessThanOrEqual(1);
  });

  it('never lets a sliding window exceed max across separate OS processes plus this one', async () => {
    const prefix = `${scope.prefix}-procs`;
    const limit = { max: 12, durationMs: 500 };
    const options = {
      redisUrl: scope.url,
      prefix,
      max: limit.max,
      windowMs: limit.durationMs,
      durationMs: 3000,
    };
    const children = [spawnHammer(options), spawnHammer(options)];
    try {
      await Promise.all(children.map((child) => child.ready));
      const local = [scope.connect(), scope.connect()].map((redis) =>
        createRateLimiter(redis, prefix, { offerslook: limit }),
      );
      for (const child of children) child.go();
      const [mine, ...theirs] = await Promise.all([
        hammer(local, { network: 'offerslook', concurrency: 4, durationMs: 3000 }),
        ...children.map((child) => child.result),
      ]);
      // Every participant really competed for the budget.
      for (const grants of [mine, ...theirs]) expect(grants.length).toBeGreaterThan(0);
      const analysis = analyseGrants([mine, ...theirs].flat(), limit.max, limit.durationMs);
      expect(analysis.overLimitWindows).toBe(0);
      expect(analysis.maxInWindow).toBe(limit.max);
      expect(analysis.ratio).toBeGreaterThanOrEqual(0.8);
    } finally {
      for (const child of children) child.kill();
    }
  });

  it('pause makes every acquirer on that network wait, from any connection, and leaves other networks alone', async () => {
    const prefix = `${scope.prefix}-pause`;
    const limits = {
      offerit: { max: 100, durationMs: 1000 },
      offerslook: { max: 100, durationMs: 1000 },
    };
    const [first, second, third] = [scope.connect(), scope.connect(), scope.connect()].map(
      (redis) => createRateLimiter(redis, prefix, limits),
    );
    await first!.pause('offerslook', 400);
    const finished: string[] = [];
    const track = (label: string, promise: Promise<number>) =>
      promise.then((waited) => {
        finished.push(label);
        return waited;
      });
    const waits = await Promise.all([
      track('offerslook-2', second!.acquire('offerslook')),
      track('offerslook-3', third!.acquire('offerslook')),
      track('offerit', second!.acquire('offerit')),
    ]);
    expect(waits[0]).toBeGreaterThanOrEqual(350);
    expect(waits[1]).toBeGreaterThanOrEqual(350);
    expect(finished[0]).toBe('offerit');
    // A shorter pause never cuts a longer one short.
    await first!.pause('offerit', 400);
    await first!.pause('offerit', 10);
    expect(await second!.acquire('offerit')).toBeGreaterThanOrEqual(350);
  });

  it('keeps its keys under the hash-tagged prefix, with a TTL', async () => {
    const redis = scope.connect();
    const limiter = createRateLimiter(redis, scope.prefix, {
      offerit: { max: 5, durationMs: 2000 },
    });
    await limiter.acquire('offerit');
    await limiter.pause('offerit', 5000);
    const keys = limiterKeys(scope.prefix, 'offerit');
    expect(keys.log.startsWith(`{${scope.prefix}}:`)).toBe(true);
    const logTtl = await redis.pttl(keys.log);
    const pauseTtl = await redis.pttl(keys.pausedUntil);
    expect(logTtl).toBeGreaterThan(0);
    expect(logTtl).toBeLessThanOrEqual(3000);
    expect(pauseTtl).toBeGreaterThan(0);
    expect(pauseTtl).toBeLessThanOrEqual(5000);
  });

  it('plugs into clients through hooksFor, and stops waiting when aborted', async () => {
    const limiter = createRateLimiter(scope.connect(), `${scope.prefix}-hooks`, {
      offerit: { max: 2, durationMs: 60_000 },
    });
    const hooks = limiter.hooksFor('offerit');
    await hooks.beforeRequest!('GET /service/ping');
    await hooks.beforeRequest!('GET /service/ping');
    const controller = new AbortController();
    const third = limiter.acquire('offerit', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 100);
    await expect(third).rejects.toThrow('shutting down');
    expect(() => limiter.hooksFor('offerslook')).toThrow(/no rate limit configured for offerslook/);
  });

  it('widens the window by the configured margin', async () => {
    const limiter = createRateLimiter(
      scope.connect(),
      `${scope.prefix}-margin`,
      { offerit: { max: 1, durationMs: 200 } },
      { windowMarginMs: 300 },
    );
    const first = await limiter.acquireGrant('offerit');
    const second = await limiter.acquireGrant('offerit');
    expect(second.grantedAtUs - first.grantedAtUs).toBeGreaterThanOrEqual(500_000);
  });

  it('reports every grant with its wait, for the wait-time metric', async () => {
    const seen: number[] = [];
    const limiter = createRateLimiter(
      scope.connect(),
      `${scope.prefix}-metric`,
      { offerit: { max: 1, durationMs: 300 } },
      { onGrant: (grant) => seen.push(grant.waitedMs) },
    );
    const first = await limiter.acquire('offerit');
    const second = await limiter.acquire('offerit');
    expect(seen).toEqual([first, second]);
    expect(second).toBeGreaterThanOrEqual(250);
  });
});
