import { afterAll, describe, expect, it } from 'vitest';
import { redisScope } from '../helpers/redis.js';

describe('test Redis harness', () => {
  const scope = redisScope('harness');
  afterAll(() => scope.cleanup());

  it('talks to a real Redis and deletes only keys under its own prefix', async () => {
    const client = scope.connect();
    const outsider = `outside-${scope.prefix}`;
    await client.set(`${scope.prefix}:a`, '1');
    await client.set(`{${scope.prefix}}:b`, '2');
    await client.set(outsider, 'keep');
    const other = redisScope('harness-inner');
    await other.cleanup();
    expect(await client.get(`${scope.prefix}:a`)).toBe('1');
    await scope.cleanup();
    const admin = scope.connect();
    expect(await admin.exists(`${scope.prefix}:a`, `{${scope.prefix}}:b`)).toBe(0);
    expect(await admin.get(outsider)).toBe('keep');
    await admin.del(outsider);
    admin.disconnect();
  });
});
