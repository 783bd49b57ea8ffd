import { afterAll, describe, expect, it } from 'vitest';
import { RedisWriteIntentStore } from '../../../src/store/index.js';
import { redisScope } from '../../helpers/redis.js';

const scope = redisScope('intent-store');
afterAll(() => scope.cleanup());

const ROUTE = 'offerit.offer->offerslook.offer';
const SOURCE = { kind: 'offer' as const, id: '400' };
let counter = 0;
const freshPrefix = () => `{${scope.prefix}}:${(counter += 1)}`;

describe('RedisWriteIntentStore', () => {
  it('begins a fresh intent, then reports an unfinished one as resumed with its first marker', async () => {
    const store = new RedisWriteIntentStore(scope.connect(), {
      prefix: freshPrefix(),
      now: () => 1_000,
    });
    const first = await store.begin(ROUTE, SOURCE, 'offer-sync:offerit:400');
    expect(first).toEqual({
      route: ROUTE,
      sourceKey: SOURCE,
      marker: 'offer-sync:offerit:400',
      startedAt: 1_000,
      attempts: 1,
      resumed: false,
    });
    const again = await store.begin(ROUTE, SOURCE, 'a-different-marker');
    expect(again).toMatchObject({
      marker: 'offer-sync:offerit:400',
      startedAt: 1_000,
      attempts: 2,
      resumed: true,
    });
    expect(await store.get(ROUTE, { kind: 'offer', id: '401' })).toBeUndefined();
    expect(await store.get('offerslook.offer->offerit.offer', SOURCE)).toBeUndefined();
  });

  it('survives the connection that wrote it (a crash), target key included', async () => {
    const prefix = freshPrefix();
    const crashed = scope.connect();
    const before = new RedisWriteIntentStore(crashed, { prefix });
    await before.begin(ROUTE, SOURCE, 'marker');
    expect(await before.setTarget(ROUTE, SOURCE, { kind: 'offer', id: '7' })).toBe(true);
    crashed.disconnect();

    const after = new RedisWriteIntentStore(scope.connect(), { prefix });
    expect(await after.get(ROUTE, SOURCE)).toMatchObject({
      marker: 'marker',
      targetKey: { kind: 'offer', id: '7' },
    });
    const resumed = await after.begin(ROUTE, SOURCE, 'marker');
    expect(resumed).toMatchObject({
      resumed: true,
      attempts: 2,
      targetKey: { kind: 'offer', id: '7' },
    });
    expect(await after.complete(ROUTE, SOURCE)).toBe(true);
    expect(await after.get(ROUTE, SOURCE)).toBeUndefined();
    expect(await after.complete(ROUTE, SOURCE)).toBe(false);
    expect(await after.setTarget(ROUTE, SOURCE, { kind: 'offer', id: '7' })).toBe(false);
  });

  it('carries a long TTL, renewed by each attempt', async () => {
    const prefix = freshPrefix();
    const connection = scope.connect();
    const store = new RedisWriteIntentStore(connection, { prefix });
    await store.begin(ROUTE, SOURCE, 'marker');
    const key = `${prefix}:intent:${ROUTE}:offer:400`;
    const ttl = await connection.pttl(key);
    expect(ttl).toBeGreaterThan(6 * 24 * 3600 * 1000);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
    await connection.pexpire(key, 60_000);
    await store.begin(ROUTE, SOURCE, 'marker');
    expect(await connection.pttl(key)).toBeGreaterThan(6 * 24 * 3600 * 1000);
  });

  it('expires an abandoned intent after its TTL', async () => {
    const store = new RedisWriteIntentStore(scope.connect(), { prefix: freshPrefix(), ttlMs: 150 });
    await store.begin(ROUTE, SOURCE, 'marker');
    const deadline = Date.now() + 10_000;
    while ((await store.get(ROUTE, SOURCE)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await store.get(ROUTE, SOURCE)).toBeUndefined();
  });

  it('concurrent begins from separate connections: exactly one is fresh', async () => {
    const prefix = freshPrefix();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        new RedisWriteIntentStore(scope.connect(), { prefix }).begin(ROUTE, SOURCE, 'marker'),
      ),
    );
    expect(results.filter((intent) => !intent.resumed)).toHaveLength(1);
    expect(results.map((intent) => intent.attempts).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });
});
