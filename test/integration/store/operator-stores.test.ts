// The stores behind status, history, lock and pending on a real Redis: history newest first,
// trimmed per entity and bounded per connection; locks; pending, approved and rejected offers;
// every key under its connection's hash tag.
import { afterAll, describe, expect, it } from 'vitest';
import { keyLayout } from '../../../src/redis/key-layout.js';
import {
  RedisHistoryStore,
  RedisLockStore,
  RedisPendingStore,
  type HistoryEntry,
} from '../../../src/store/index.js';
import { redisScope } from '../../helpers/redis.js';

const scope = redisScope('operator-stores');
afterAll(() => scope.cleanup());
const layout = keyLayout(scope.prefix);
const offer = (id: string) => ({ kind: 'offer' as const, id });

const entry = (n: number): HistoryEntry => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  route: 'main->partner-a',
  action: 'update',
  target: `partner-a:offer:${900 + n}`,
  jobId: String(n),
  writes: 1,
  changes: { payout: { from: `${n}.00`, to: `${n + 1}.50` } },
});

describe('RedisHistoryStore', () => {
  it('keeps an entity’s writes newest first, at most perEntity of them, money as written', async () => {
    const store = new RedisHistoryStore(scope.connect(), { layout, perEntity: 3 });
    for (let n = 1; n <= 5; n += 1) await store.record('main', offer('400'), entry(n));
    const listed = await store.list('main', offer('400'));
    expect(listed.map((e) => e.jobId)).toEqual(['5', '4', '3']);
    expect(listed[0]!.changes).toEqual({ payout: { from: '5.00', to: '6.50' } });
    expect(await store.list('main', offer('401'))).toEqual([]);
    expect(await store.list('partner-a', offer('400'))).toEqual([]);
  });

  it('drops the least recently written entities past maxEntities, lists and all', async () => {
    const redis = scope.connect();
    const store = new RedisHistoryStore(redis, { layout, maxEntities: 2 });
    await store.record('bounded', offer('1'), entry(1));
    await store.record('bounded', offer('2'), entry(2));
    await store.record('bounded', offer('3'), entry(3));
    expect(await store.list('bounded', offer('1'))).toEqual([]);
    expect((await store.list('bounded', offer('2'))).length).toBe(1);
    expect((await store.list('bounded', offer('3'))).length).toBe(1);
    expect(await redis.zrange(`${layout.connection('bounded')}:history:index`, 0, -1)).toEqual([
      'offer:2',
      'offer:3',
    ]);
    expect(await redis.exists(`${layout.connection('bounded')}:history:offer:1`)).toBe(0);
  });

  it('keeps the last sync and the last error per entity', async () => {
    const store = new RedisHistoryStore(scope.connect(), { layout });
    expect(await store.activity('main', offer('500'))).toEqual({ lastSync: null, lastError: null });
    const lastSync = {
      at: '2026-01-01T00:00:00.000Z',
      route: 'main->partner-a',
      action: 'create',
      writes: 1,
      jobId: '7',
      other: 'partner-a:offer:9',
      lossy: [],
      reason: null,
    };
    await store.setLastSync('main', offer('500'), lastSync);
    const lastError = {
      at: '2026-01-01T00:01:00.000Z',
      route: 'main->partner-a',
      jobId: '8',
      code: 'VALIDATION',
      message: 'rejected (HTTP 422): offer.preview_url: may not be set to empty',
      platformMessage: 'offer.preview_url: may not be set to empty',
      attempts: 1,
      final: true,
    };
    await store.setLastError('main', offer('500'), lastError);
    expect(await store.activity('main', offer('500'))).toEqual({ lastSync, lastError });
  });
});

describe('RedisLockStore', () => {
  it('locks, lists, and unlocks an entity of one connection', async () => {
    const store = new RedisLockStore(scope.connect(), layout);
    await store.lock('main', offer('400'), { reason: 'price review', at: '2026-01-01T00:00:00Z' });
    expect(await store.get('main', offer('400'))).toEqual({
      reason: 'price review',
      at: '2026-01-01T00:00:00Z',
    });
    expect(await store.get('partner-a', offer('400'))).toBeUndefined();
    expect(await store.list('main')).toEqual([
      { ref: 'main:offer:400', reason: 'price review', at: '2026-01-01T00:00:00Z' },
    ]);
    expect(await store.unlock('main', offer('400'))).toBe(true);
    expect(await store.unlock('main', offer('400'))).toBe(false);
    expect(await store.get('main', offer('400'))).toBeUndefined();
  });
});

describe('RedisPendingStore', () => {
  it('holds an offer once per ref (routes merged, first seen kept), then approve and reject decide', async () => {
    const store = new RedisPendingStore(scope.connect(), layout);
    const summary = { name: 'Summer', payout: '4.50' };
    await store.hold('main', offer('400'), 'main->partner-a', summary, '2026-01-01T00:00:00Z');
    const again = await store.hold(
      'main',
      offer('400'),
      'main->partner-b',
      summary,
      '2026-01-02T00:00:00Z',
    );
    expect(again).toEqual({
      ref: 'main:offer:400',
      name: 'Summer',
      payout: '4.50',
      routes: ['main->partner-a', 'main->partner-b'],
      firstSeen: '2026-01-01T00:00:00Z',
      lastSeen: '2026-01-02T00:00:00Z',
    });
    expect(await store.list('main')).toEqual([again]);
    expect(await store.pendingKeys('main')).toEqual([offer('400')]);
    expect(await store.decision('main', offer('400'))).toBeUndefined();

    expect(await store.reject('main', offer('400'), '2026-01-03T00:00:00Z')).toEqual(again);
    expect(await store.list('main')).toEqual([]);
    expect(await store.decision('main', offer('400'))).toBe('rejected');
    expect(await store.rejection('main', offer('400'))).toEqual({ at: '2026-01-03T00:00:00Z' });

    expect(await store.approve('main', offer('400'))).toBeUndefined();
    expect(await store.decision('main', offer('400'))).toBe('approved');
    expect(await store.rejection('main', offer('400'))).toBeUndefined();
  });

  it('keeps every key under the connection’s hash tag', async () => {
    const redis = scope.connect();
    const store = new RedisPendingStore(redis, layout);
    await store.hold(
      'tagged',
      offer('1'),
      'tagged->x',
      { name: null, payout: null },
      '2026-01-01T00:00:00Z',
    );
    await store.approve('tagged', offer('2'));
    const keys = await redis.keys(`*${scope.prefix}:tagged*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.startsWith(layout.connection('tagged'))).toBe(true);
  });
});
