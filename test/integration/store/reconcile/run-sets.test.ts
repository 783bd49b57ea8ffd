// A run's working sets and the retired-twin record on a real Redis.
import { afterAll, describe, expect, it } from 'vitest';
import { RetiredTwins, RunSets } from '../../../../src/store/index.js';
import { redisScope } from '../../../helpers/redis.js';

const scope = redisScope('reconcile-sets');
const redis = scope.connect();
const prefix = `{${scope.prefix}}`;

afterAll(() => scope.cleanup());

describe('RunSets', () => {
  it('answers membership per kind and set, in the order asked', async () => {
    const sets = new RunSets(redis, { prefix, runId: 'r1' });
    await sets.add('seen', 'offer', ['offer:1', 'offer:2']);
    await sets.add('seen', 'goal', ['goal:1/5']);
    expect(await sets.has('seen', 'offer', ['offer:2', 'offer:3', 'offer:1'])).toEqual([
      true,
      false,
      true,
    ]);
    expect(await sets.has('seen', 'goal', ['offer:1'])).toEqual([false]);
    expect(await sets.has('pending', 'offer', ['offer:1'])).toEqual([false]);
    expect(await sets.has('seen', 'offer', [])).toEqual([]);
  });

  it('expires on its own and is deleted by clear', async () => {
    const sets = new RunSets(redis, { prefix, runId: 'r2', ttlMs: 60_000 });
    await sets.add('pending', 'offer', ['offer:9']);
    const key = `${prefix}:reconcile:run:r2:pending:offer`;
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await sets.clear();
    expect(await redis.exists(key)).toBe(0);
  });

  it('keeps runs apart', async () => {
    await new RunSets(redis, { prefix, runId: 'r3' }).add('seen', 'offer', ['offer:1']);
    expect(
      await new RunSets(redis, { prefix, runId: 'r4' }).has('seen', 'offer', ['offer:1']),
    ).toEqual([false]);
  });
});

describe('RetiredTwins', () => {
  it('remembers retired sources per platform and kind', async () => {
    const retired = new RetiredTwins(redis, prefix);
    await retired.add('offerit', 'offer', 'offer:400');
    expect(await retired.has('offerit', 'offer', ['offer:400', 'offer:401'])).toEqual([
      true,
      false,
    ]);
    expect(await retired.has('offerslook', 'offer', ['offer:400'])).toEqual([false]);
    expect(await retired.has('offerit', 'goal', ['offer:400'])).toEqual([false]);
  });
});
