import { afterAll, describe, expect, it } from 'vitest';
import { conflictId, RedisConflictStore, type ConflictInput } from '../../../src/store/index.js';
import { redisScope } from '../../helpers/redis.js';

const scope = redisScope('conflict-store');
afterAll(() => scope.cleanup());

let counter = 0;
function freshStore() {
  const prefix = `{${scope.prefix}}:${(counter += 1)}`;
  const connection = scope.connect();
  return { store: new RedisConflictStore(connection, { prefix }), prefix, connection };
}

// The Offerslook twin of Offerit offer N is offer 9N here: ids are platform ids, digits only.
const conflict = (offeritId: string, detectedAt: number, payout = '4.00'): ConflictInput => ({
  kind: 'offer',
  offerit: { kind: 'offer', id: offeritId },
  offerslook: { kind: 'offer', id: `9${offeritId}` },
  fields: { payout: { offerit: payout, offerslook: '5.00' } },
  detectedAt,
});

describe('RedisConflictStore', () => {
  it('records a conflict under a short id derived from the entity pair', async () => {
    const { store } = freshStore();
    const recorded = await store.record(conflict('400', 1_000));
    expect(recorded.id).toMatch(/^[0-9a-f]{10}$/);
    expect(recorded.id).toBe(
      conflictId({ kind: 'offer', id: '400' }, { kind: 'offer', id: '9400' }),
    );
    expect(recorded).toEqual({ ...conflict('400', 1_000), id: recorded.id, lastDetectedAt: 1_000 });
    expect(await store.get(recorded.id)).toEqual(recorded);
    expect(await store.get('0000000000')).toBeUndefined();
  });

  it('detecting the same pair again updates it in place, keeping the first detection time', async () => {
    const { store } = freshStore();
    const first = await store.record(conflict('400', 1_000));
    const again = await store.record(conflict('400', 5_000, '4.50'));
    expect(again.id).toBe(first.id);
    expect(again.detectedAt).toBe(1_000);
    expect(again.lastDetectedAt).toBe(5_000);
    expect(again.fields.payout).toEqual({ offerit: '4.50', offerslook: '5.00' });
    expect(await store.list()).toHaveLength(1);
  });

  it('lists open conflicts oldest first', async () => {
    const { store } = freshStore();
    await store.record(conflict('402', 3_000));
    await store.record(conflict('400', 1_000));
    await store.record(conflict('401', 2_000));
    expect((await store.list()).map((c) => c.offerit.id)).toEqual(['400', '401', '402']);
  });

  it('resolve returns the conflict with the kept platform and removes it, once', async () => {
    const { store } = freshStore();
    const { id } = await store.record(conflict('400', 1_000));
    await store.record(conflict('401', 2_000));
    const resolved = await store.resolve(id, 'offerslook');
    expect(resolved).toMatchObject({
      id,
      keep: 'offerslook',
      fields: { payout: { offerit: '4.00', offerslook: '5.00' } },
    });
    expect(await store.get(id)).toBeUndefined();
    expect(await store.resolve(id, 'offerit')).toBeUndefined();
    expect((await store.list()).map((c) => c.offerit.id)).toEqual(['401']);
  });

  it('concurrent resolves from separate connections: exactly one gets the conflict', async () => {
    const { store, prefix } = freshStore();
    const { id } = await store.record(conflict('400', 1_000));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        new RedisConflictStore(scope.connect(), { prefix }).resolve(
          id,
          i % 2 ? 'offerit' : 'offerslook',
        ),
      ),
    );
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
  });

  it('falls back to the full digest when the short id belongs to another pair', async () => {
    const { store, prefix, connection } = freshStore();
    const pair = [
      { kind: 'offer' as const, id: '400' },
      { kind: 'offer' as const, id: '9400' },
    ] as const;
    await connection.hset(`${prefix}:conflicts:pair`, conflictId(...pair), 'offer:999|offer:998');
    const recorded = await store.record(conflict('400', 1_000));
    expect(recorded.id).toBe(conflictId(...pair, true));
    expect(recorded.id).toHaveLength(64);
    expect((await store.get(recorded.id))?.offerit.id).toBe('400');
  });
});
