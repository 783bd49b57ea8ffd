import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LuaScript } from '../../../src/store/index.js';
import { redisScope } from '../../helpers/redis.js';

const scope = redisScope('lua-script');
afterAll(() => scope.cleanup());

describe('LuaScript', () => {
  it('sends the source when the server has not cached it, then runs by SHA1', async () => {
    const connection = scope.connect();
    // A unique source: certainly not in the server's script cache yet.
    const script = new LuaScript(
      `-- ${randomBytes(8).toString('hex')}\nreturn redis.call('INCR', KEYS[1]) + ARGV[1]`,
    );
    const key = `{${scope.prefix}}:counter`;
    expect(await script.run(connection, [key], [10])).toBe(11);
    expect(await script.run(connection, [key], [10])).toBe(12);
  });

  it('passes script errors through', async () => {
    const script = new LuaScript(`return redis.error_reply('nope ' .. ARGV[1])`);
    await expect(script.run(scope.connect(), [], ['x'])).rejects.toThrow(/nope x/);
  });
});
