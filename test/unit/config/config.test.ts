import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadConfig,
  parseDurationMs,
  parseRateLimit,
} from '../../../src/config/index.js';

const offerit = {
  OFFERIT_BASE_URL: 'https://net.example/api',
  OFFERIT_API_USERNAME: 'admin',
  OFFERIT_API_KEY: 'k-offerit-secret',
};
const offerslook = {
  OFFERSLOOK_BASE_URL: 'https://net.api.offerslook.com/',
  OFFERSLOOK_NETWORK: 'net',
  OFFERSLOOK_API_KEY: 'k-offerslook-secret',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults and leaves unconfigured platforms out', () => {
    const config = loadConfig({});
    expect(config.redis).toEqual({ mode: 'url', url: 'redis://127.0.0.1:6379' });
    expect(config.prefix).toBe('offer-sync');
    expect(config.connections).toEqual({});
    expect(config.routes).toEqual([]);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it('reads both platforms as the connections offerit and offerslook, rate limits and timeouts', () => {
    const config = loadConfig({
      ...offerit,
      ...offerslook,
      OFFERIT_RATE_LIMIT: '5/2s',
      OFFERSLOOK_TIMEOUT_MS: '900',
    });
    expect(config.connections.offerit).toMatchObject({
      name: 'offerit',
      platform: 'offerit',
      baseUrl: 'https://net.example/api',
      username: 'admin',
      rateLimit: { max: 5, durationMs: 2000 },
    });
    expect(config.connections.offerslook).toMatchObject({
      name: 'offerslook',
      platform: 'offerslook',
      baseUrl: 'https://net.api.offerslook.com',
      network: 'net',
      rateLimit: { max: 50, durationMs: 10_000 },
      timeoutMs: 900,
    });
    // One route between the two, both ways, with every entity kind.
    expect(config.routes.map((route) => [route.name, route.entities])).toEqual([
      ['offerit->offerslook', ['offer', 'goal', 'commission']],
      ['offerslook->offerit', ['offer', 'goal', 'commission']],
    ]);
    expect(config.configFile).toBeUndefined();
  });

  it('names every bad variable on its own line', () => {
    const problems = problemsOf({
      OFFERSLOOK_RATE_LIMIT: 'fast',
      OFFERIT_TIMEOUT_MS: '-3',
      REDIS_URL: 'http://nope',
    });
    expect(problems).toHaveLength(3);
    expect(problems).toContain(
      'OFFERSLOOK_RATE_LIMIT: expected <max>/<duration> such as 50/10s, got "fast"',
    );
    expect(problems.find((line) => line.startsWith('OFFERIT_TIMEOUT_MS: '))).toMatch(/above 0/);
    expect(problems.find((line) => line.startsWith('REDIS_URL: '))).toMatch(/redis:\/\//);
  });

  it('requires every variable of a platform once one is set, without echoing secrets', () => {
    const problems = problemsOf({
      OFFERIT_API_KEY: 'super-secret-key',
      OFFERSLOOK_BASE_URL: 'https://x.example',
    });
    expect(problems).toEqual([
      'OFFERIT_BASE_URL: required when any Offerit variable is set (OFFERIT_BASE_URL, OFFERIT_API_USERNAME, OFFERIT_API_KEY)',
      'OFFERIT_API_USERNAME: required when any Offerit variable is set (OFFERIT_BASE_URL, OFFERIT_API_USERNAME, OFFERIT_API_KEY)',
      'OFFERSLOOK_NETWORK: required when any Offerslook variable is set (OFFERSLOOK_BASE_URL, OFFERSLOOK_NETWORK, OFFERSLOOK_API_KEY)',
      'OFFERSLOOK_API_KEY: required when any Offerslook variable is set (OFFERSLOOK_BASE_URL, OFFERSLOOK_NETWORK, OFFERSLOOK_API_KEY)',
    ]);
    expect(problems.join('\n')).not.toContain('super-secret-key');
  });

  it('insists that OFFERIT_BASE_URL ends in /api', () => {
    expect(problemsOf({ ...offerit, OFFERIT_BASE_URL: 'https://net.example' })).toEqual([
      'OFFERIT_BASE_URL: expected a URL ending in /api, such as https://network.example/api',
    ]);
  });
});

describe('durations and rate limits', () => {
  it('parses the forms people write', () => {
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('10s')).toBe(10_000);
    expect(parseDurationMs('1.5m')).toBe(90_000);
    expect(parseDurationMs('250')).toBe(250);
    expect(parseDurationMs('soon')).toBeUndefined();
    expect(parseRateLimit('50/10s')).toEqual({ max: 50, durationMs: 10_000 });
    expect(parseRateLimit('0/10s')).toBeUndefined();
    expect(parseRateLimit('50')).toBeUndefined();
    expect(parseRateLimit('50/10s/2')).toBeUndefined();
  });
});

describe('advertiser map', () => {
  it('reads offerit:offerslook pairs and rejects anything else by name', () => {
    const config = loadConfig({ ...offerit, ...offerslook, ADVERTISER_MAP: '1:7, 9:12' });
    for (const route of config.routes) {
      expect(route.advertiserMap).toEqual([
        ['1', '7'],
        ['9', '12'],
      ]);
    }
    expect(problemsOf({ ADVERTISER_MAP: '1=7' })).toEqual([
      'ADVERTISER_MAP: expected offeritId:offerslookId pairs such as 1:7,9:12, got "1=7"',
    ]);
  });
});

describe('reconcile budget share', () => {
  it('defaults to 0.8 and reads any number above 0 and at most 1', () => {
    expect(loadConfig({}).reconcileBudgetShare).toBe(0.8);
    expect(loadConfig({ RECONCILE_BUDGET_SHARE: '0.5' }).reconcileBudgetShare).toBe(0.5);
    expect(loadConfig({ RECONCILE_BUDGET_SHARE: ' 1 ' }).reconcileBudgetShare).toBe(1);
  });

  it('refuses anything else with one line naming the variable', () => {
    for (const value of ['0', '-0.2', '1.5', 'most', '']) {
      expect(problemsOf({ RECONCILE_BUDGET_SHARE: value }), value).toEqual([
        'RECONCILE_BUDGET_SHARE: expected a number above 0 and at most 1, such as 0.8',
      ]);
    }
  });
});
