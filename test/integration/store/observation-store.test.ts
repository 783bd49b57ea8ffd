// Observations on a real Redis: a field's first sighting with a value is kept until the value
// changes; the read before it bounds the edit from below; reads at once from two connections
// never lose a first sighting.
import { afterAll, describe, expect, it } from 'vitest';
import { RedisObservationStore } from '../../../src/store/index.js';
import { redisScope } from '../../helpers/redis.js';

const scope = redisScope('observation-store');
afterAll(() => scope.cleanup());

let counter = 0;
function freshStore(connection = scope.connect()) {
  // Each connection's observations live under its own tag.
  const base = `${scope.prefix}:${(counter += 1)}`;
  const prefixes = { offerit: `{${base}:offerit}`, offerslook: `{${base}:offerslook}` };
  return { store: new RedisObservationStore(connection, { prefixes }), prefixes };
}
const offer = { kind: 'offer' as const, id: '400' };

describe('RedisObservationStore', () => {
  it('keeps a value first sighting until it changes, then bounds the new one by the read before', async () => {
    const { store } = freshStore();
    const read = (name: string) => ({ key: offer, values: { name, payout: 'p1' } });
    await store.observe('offerit', 'offer', [read('a')], 1_000);
    await store.observe('offerit', 'offer', [read('a')], 2_000);
    const [changed] = await store.observe('offerit', 'offer', [read('b')], 3_000);
    expect(changed).toEqual({
      lastSeenAt: 3_000,
      fields: {
        // Changed between the read at 2 s (still "a") and the one at 3 s.
        name: { value: 'b', firstSeenAt: 3_000, after: 2_000 },
        payout: { value: 'p1', firstSeenAt: 1_000, after: 0 },
      },
    });
    await store.observe('offerit', 'offer', [read('b')], 4_000);
    expect((await store.get('offerit', offer))?.fields.name).toEqual({
      value: 'b',
      firstSeenAt: 3_000,
      after: 2_000,
    });
    expect(await store.get('offerslook', offer)).toBeUndefined();
  });

  it("uses the caller's interval for a field it sees for the first time", async () => {
    const { store } = freshStore();
    const [seen] = await store.observe(
      'offerit',
      'offer',
      [
        {
          key: offer,
          values: { name: 'a', payout: 'p' },
          firstSeen: (path) =>
            path === 'name' ? { after: 0, firstSeenAt: 500 } : { after: 500, firstSeenAt: 900 },
        },
      ],
      900,
    );
    expect(seen?.fields).toEqual({
      name: { value: 'a', firstSeenAt: 500, after: 0 },
      payout: { value: 'p', firstSeenAt: 900, after: 500 },
    });
  });

  it('observes a page of reads in one call and forgets an entity on remove', async () => {
    const { store } = freshStore();
    const keys = ['1', '2', '3'].map((id) => ({ kind: 'offer' as const, id }));
    const seen = await store.observe(
      'offerslook',
      'offer',
      keys.map((key) => ({ key, values: { name: key.id } })),
      7_000,
    );
    expect(seen.map((entry) => entry.fields.name?.value)).toEqual(['1', '2', '3']);
    await store.remove('offerslook', keys[1]!);
    expect(await store.get('offerslook', keys[1]!)).toBeUndefined();
    expect(await store.get('offerslook', keys[2]!)).toMatchObject({ lastSeenAt: 7_000 });
  });

  it('two connections observing one entity at once keep every first sighting', async () => {
    const connection = scope.connect();
    const { store, prefixes } = freshStore(connection);
    const other = new RedisObservationStore(scope.connect(), { prefixes });
    await store.observe('offerit', 'offer', [{ key: offer, values: { name: 'a' } }], 1_000);
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? store : other).observe(
          'offerit',
          'offer',
          [{ key: offer, values: { name: 'b' } }],
          2_000 + index,
        ),
      ),
    );
    const seen = await store.get('offerit', offer);
    expect(seen?.fields.name?.value).toBe('b');
    // Whichever read came first set it; none of the later ones moved it.
    expect(seen?.fields.name?.after).toBe(1_000);
    expect(seen?.fields.name?.firstSeenAt).toBeGreaterThanOrEqual(2_000);
    expect(seen?.fields.name?.firstSeenAt).toBeLessThan(2_020);
  });
});
