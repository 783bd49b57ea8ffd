import { afterAll, describe, expect, it } from 'vitest';
import type { EntityKey } from '../../../src/vocabulary/index.js';
import {
  LinkConflictError,
  RedisLinkStore,
  StoreCorruptionError,
  type Link,
} from '../../../src/store/index.js';
import { redisScope } from '../../helpers/redis.js';

const scope = redisScope('link-store');
afterAll(() => scope.cleanup());

let counter = 0;
/** A fresh store under its own prefix (hash-tagged, as in production) per test. */
function freshStore(connection = scope.connect()) {
  const prefix = `{${scope.prefix}}:${(counter += 1)}`;
  return { store: new RedisLinkStore(connection, { prefix }), prefix, connection };
}

const offer = (id: string): EntityKey => ({ kind: 'offer', id });
const newLink = (offeritId: string, offerslookId: string, extra: Partial<Link> = {}): Link => ({
  kind: 'offer',
  offerit: { key: offer(offeritId) },
  offerslook: { key: offer(offerslookId) },
  version: 0,
  ...extra,
});

describe('RedisLinkStore', () => {
  it('finds a saved link from either side, with everything it keeps', async () => {
    const { store } = freshStore();
    const link: Link = {
      kind: 'goal',
      offerit: {
        key: { kind: 'goal', id: '48', offerId: '400' },
        seenHash: 'a',
        updatedAt: 1,
        syncedAt: 2,
      },
      offerslook: {
        key: { kind: 'goal', id: '3', offerId: '7' },
        written: { payout: '2.80', base_event: { status: 'active' } },
        writtenHash: 'w',
        seenHash: 'w',
      },
      version: 0,
    };
    const saved = await store.save(link);
    expect(saved.version).toBe(1);
    expect(await store.find('offerit', link.offerit.key)).toEqual({ ...link, version: 1 });
    expect(await store.find('offerslook', link.offerslook.key)).toEqual({ ...link, version: 1 });
    expect(await store.find('offerit', { kind: 'goal', id: '48', offerId: '401' })).toBeUndefined();
    expect(await store.find('offerslook', link.offerit.key)).toBeUndefined();
  });

  it('re-linking an entity to a new twin drops the old lookup', async () => {
    const { store } = freshStore();
    await store.save(newLink('400', '7'));
    const relinked = await store.save(newLink('400', '8'));
    expect(relinked.version).toBe(2);
    expect(await store.find('offerslook', offer('7'))).toBeUndefined();
    expect((await store.find('offerslook', offer('8')))?.offerit.key).toEqual(offer('400'));
  });

  it('an unconditional save takes a twin from the link that held it: never two twins', async () => {
    const { store } = freshStore();
    await store.save(newLink('400', '7'));
    await store.save(newLink('401', '7'));
    expect(await store.find('offerit', offer('400'))).toBeUndefined();
    expect((await store.find('offerslook', offer('7')))?.offerit.key).toEqual(offer('401'));
    const listed = [];
    for await (const link of store.list('offer')) listed.push(link.offerit.key.id);
    expect(listed).toEqual(['401']);
  });

  it('a conditional save refuses a stale version and a twin linked elsewhere', async () => {
    const { store } = freshStore();
    const first = await store.save(newLink('400', '7'), { expectedVersion: 0 });
    await expect(store.save(newLink('400', '7'), { expectedVersion: 0 })).rejects.toMatchObject({
      code: 'LINK_CONFLICT',
      conflict: 'stale',
    });
    await expect(store.save(newLink('401', '7'), { expectedVersion: 0 })).rejects.toBeInstanceOf(
      LinkConflictError,
    );
    await expect(store.save(newLink('401', '7'), { expectedVersion: 0 })).rejects.toMatchObject({
      conflict: 'taken',
    });
    expect((await store.save(first, { expectedVersion: first.version })).version).toBe(2);
  });

  it('concurrent creates of one link from separate connections: exactly one wins', async () => {
    const stores = Array.from({ length: 12 }, () => scope.connect());
    const { prefix } = freshStore();
    const results = await Promise.allSettled(
      stores.map((connection, index) =>
        new RedisLinkStore(connection, { prefix }).save(newLink(String(400 + (index % 3)), '7'), {
          expectedVersion: 0,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(LinkConflictError);
    }
  });

  it('concurrent unconditional saves leave both lookup directions consistent', async () => {
    const { prefix } = freshStore();
    const twins = Array.from({ length: 20 }, (_, index) => String(index + 1));
    await Promise.all(
      twins.map((twin) =>
        new RedisLinkStore(scope.connect(), { prefix }).save(newLink('400', twin)),
      ),
    );
    const store = new RedisLinkStore(scope.connect(), { prefix });
    const final = await store.find('offerit', offer('400'));
    expect(final?.version).toBe(20);
    const found = await Promise.all(twins.map((twin) => store.find('offerslook', offer(twin))));
    const linked = found.filter((link) => link !== undefined);
    expect(linked).toHaveLength(1);
    expect(linked[0]!.offerslook.key).toEqual(final!.offerslook.key);
  });

  it('compare-and-set loses no update under concurrency (read, change, save, retry on stale)', async () => {
    const { prefix, store } = freshStore();
    await store.save(
      newLink('400', '7', { offerslook: { key: offer('7'), written: { count: 0 } } }),
    );
    const increment = async () => {
      const own = new RedisLinkStore(scope.connect(), { prefix });
      for (;;) {
        const link = (await own.find('offerit', offer('400')))!;
        const count = link.offerslook.written!.count as number;
        try {
          await own.save(
            { ...link, offerslook: { ...link.offerslook, written: { count: count + 1 } } },
            { expectedVersion: link.version },
          );
          return;
        } catch (error) {
          if (!(error instanceof LinkConflictError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 15 }, increment));
    const final = await store.find('offerslook', offer('7'));
    expect(final?.offerslook.written).toEqual({ count: 15 });
    expect(final?.version).toBe(16);
  });

  it('removes a link from either side, both directions at once', async () => {
    const { store } = freshStore();
    await store.save(newLink('400', '7'));
    await store.save(newLink('401', '8'));
    expect(await store.remove('offerslook', offer('7'))).toBe(true);
    expect(await store.find('offerit', offer('400'))).toBeUndefined();
    expect(await store.remove('offerit', offer('401'))).toBe(true);
    expect(await store.find('offerslook', offer('8'))).toBeUndefined();
    expect(await store.remove('offerit', offer('401'))).toBe(false);
    const listed = [];
    for await (const link of store.list('offer')) listed.push(link);
    expect(listed).toEqual([]);
  });

  it('lists every link of a kind across several batches, and only that kind', async () => {
    const { connection, prefix } = freshStore();
    const store = new RedisLinkStore(connection, { prefix, listBatchSize: 7 });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.save(newLink(String(i), String(1000 + i)))),
    );
    await store.save({
      kind: 'goal',
      offerit: { key: { kind: 'goal', id: '1', offerId: '1' } },
      offerslook: { key: { kind: 'goal', id: '2', offerId: '1000' } },
      version: 0,
    });
    const ids = new Set<string>();
    for await (const link of store.list('offer')) ids.add(link.offerit.key.id);
    expect(ids.size).toBe(50);
    const goals = [];
    for await (const link of store.list('goal')) goals.push(link);
    expect(goals).toHaveLength(1);
  });

  it('refuses a link whose kinds disagree, and reports stored garbage', async () => {
    const { store, prefix, connection } = freshStore();
    await expect(
      store.save({
        ...newLink('1', '2'),
        offerslook: { key: { kind: 'goal', id: '2', offerId: '9' } },
      }),
    ).rejects.toThrow(/kinds disagree/);
    await connection.hset(
      `${prefix}:link:offerit:offer:66`,
      'link',
      '{"kind":"offer"}',
      'version',
      '1',
    );
    await expect(store.find('offerit', offer('66'))).rejects.toBeInstanceOf(StoreCorruptionError);
  });
});
