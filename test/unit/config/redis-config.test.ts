import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/index.js';
import { describeRedis } from '../../../src/config/redis-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('Redis configuration', () => {
  it('defaults to one server on localhost', () => {
    const { redis } = loadConfig({});
    expect(redis).toEqual({ mode: 'url', url: 'redis://127.0.0.1:6379' });
    expect(Object.isFrozen(redis)).toBe(true);
  });

  it('keeps a URL password out of the URL and out of its description', () => {
    const { redis } = loadConfig({ REDIS_URL: 'rediss://ops:s%40cret@cache.example:6380/2' });
    expect(redis).toEqual({
      mode: 'url',
      url: 'rediss://cache.example:6380/2',
      username: 'ops',
      password: 's@cret',
    });
    expect(describeRedis(redis)).toBe('rediss://cache.example:6380/2 (with password)');
  });

  it('reads a Cluster: startup nodes, IPv6 in brackets, REDIS_PASSWORD', () => {
    const { redis } = loadConfig({
      REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002',
      REDIS_PASSWORD: 'pw',
    });
    expect(redis).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      password: 'pw',
    });
    expect(Object.isFrozen(redis.mode === 'cluster' && redis.nodes[0])).toBe(true);
    expect(describeRedis(redis)).toBe(
      'cluster 10.0.0.1:7000,10.0.0.2:7001,[::1]:7002 (with password)',
    );
  });

  it('reads a Sentinel setup', () => {
    const { redis } = loadConfig({
      REDIS_SENTINELS: 'sentinel-a:26379,sentinel-b:26379',
      REDIS_SENTINEL_NAME: 'mymaster',
    });
    expect(redis).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 'sentinel-a', port: 26379 },
        { host: 'sentinel-b', port: 26379 },
      ],
      name: 'mymaster',
    });
  });

  it('refuses two ways to reach Redis in one line naming both', () => {
    expect(
      problemsOf({ REDIS_URL: 'redis://x:6379', REDIS_CLUSTER_NODES: '10.0.0.1:7000' }),
    ).toEqual([
      'REDIS_URL and REDIS_CLUSTER_NODES: set only one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS',
    ]);
    expect(
      problemsOf({
        REDIS_CLUSTER_NODES: '10.0.0.1:7000',
        REDIS_SENTINELS: '10.0.0.1:26379',
        REDIS_SENTINEL_NAME: 'mymaster',
      }),
    ).toEqual([
      'REDIS_CLUSTER_NODES and REDIS_SENTINELS: set only one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS',
    ]);
  });

  it('names a Sentinel setting without its partner', () => {
    expect(problemsOf({ REDIS_SENTINELS: '10.0.0.1:26379' })).toEqual([
      'REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the master name the sentinels monitor, such as mymaster)',
    ]);
    expect(problemsOf({ REDIS_SENTINEL_NAME: 'mymaster' })).toEqual([
      'REDIS_SENTINEL_NAME: only used with REDIS_SENTINELS, which is not set',
    ]);
  });

  it('refuses two passwords without echoing either', () => {
    const problems = problemsOf({
      REDIS_URL: 'redis://:first-secret@x:6379',
      REDIS_PASSWORD: 'second-secret',
    });
    expect(problems).toEqual([
      'REDIS_PASSWORD and REDIS_URL: both carry a password; keep it in one of them',
    ]);
    expect(problems.join('\n')).not.toMatch(/secret/);
  });

  it('names the bad item of a node list', () => {
    expect(problemsOf({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2' })).toEqual([
      'REDIS_CLUSTER_NODES: expected host:port pairs such as 10.0.0.1:7000,10.0.0.2:7000, got "10.0.0.2"',
    ]);
    expect(problemsOf({ REDIS_SENTINELS: 'a:99999', REDIS_SENTINEL_NAME: 'm' })).toEqual([
      'REDIS_SENTINELS: expected host:port pairs such as 10.0.0.1:26379,10.0.0.2:26379, got "a:99999"',
    ]);
  });
});
