// Both sandboxes as child processes (sandbox-child.ts), the environment that points offer-sync
// at them, and their HTTP control endpoints: `GET /__sandbox/log` for what was asked of a
// platform, `POST /__sandbox/settings` for its limit.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { formatRateLimit, type RateLimit } from '../../src/config/index.js';
import type { PlatformName } from '../../src/vocabulary/index.js';
import type { LoggedRequest } from '../../src/sandbox/common/index.js';
import { spawnBenchChild, type BenchChild } from './child-process.js';
import { ADVERTISER_MAP, type SeedSpec } from './network.js';
import type { SandboxChildSpec } from './sandbox-child.js';

/** The README's defaults: Offerit `20/1s` (none documented), Offerslook `50/10s` (documented). */
export const DEFAULT_BUDGETS: Readonly<Record<PlatformName, RateLimit>> = {
  offerit: { max: 20, durationMs: 1000 },
  offerslook: { max: 50, durationMs: 10_000 },
};
/** A budget never in the way. */
export const UNLIMITED: RateLimit = { max: 100_000, durationMs: 1000 };

export interface SandboxPairOptions {
  redisUrl: string;
  answers?: Partial<Record<PlatformName, 'v1' | 'v2'>>;
  seed?: SeedSpec;
  /** Each sandbox's own limit at start; `null` for none. @defaultValue none */
  rateLimit?: Partial<Record<PlatformName, RateLimit | null>>;
  /** Key prefix word. @defaultValue 'bench' */
  name?: string;
}

export interface SandboxPair {
  children: Record<PlatformName, BenchChild>;
  urls: Record<PlatformName, string>;
  prefix: string;
  redisUrl: string;
  /** offer-sync's environment for these sandboxes with these client budgets, plus `extra`. */
  env(
    budgets: Record<PlatformName, RateLimit>,
    extra?: Record<string, string>,
  ): Record<string, string>;
  /** Sets a sandbox's own limit (`null`: none); its sliding window starts empty. */
  limit(platform: PlatformName, rateLimit: RateLimit | null): Promise<void>;
  /** Both sandboxes' request logs, as `GET /__sandbox/log` answers them. */
  logs(): Promise<Record<PlatformName, LoggedRequest[]>>;
  clearLogs(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSandboxPair(options: SandboxPairOptions): Promise<SandboxPair> {
  const spawn = (platform: PlatformName) => {
    const spec: SandboxChildSpec = {
      platform,
      answers: options.answers?.[platform] ?? 'v2',
      rateLimit: options.rateLimit?.[platform] ?? null,
      ...(options.seed ? { seed: options.seed } : {}),
    };
    return spawnBenchChild('./sandbox-child.ts', [JSON.stringify(spec)]);
  };
  const children = { offerit: spawn('offerit'), offerslook: spawn('offerslook') };
  const [offerit, offerslook] = await Promise.all([
    children.offerit.ready,
    children.offerslook.ready,
  ]);
  const urls = { offerit: String(offerit.url), offerslook: String(offerslook.url) };
  const prefix = `${options.name ?? 'bench'}-${randomBytes(4).toString('hex')}`;
  // Offerit's API root ends in /api; its control endpoints are beside it.
  const root = (platform: PlatformName) => urls[platform].replace(/\/api$/, '');
  const each = <T>(run: (platform: PlatformName) => Promise<T>) =>
    Promise.all([run('offerit'), run('offerslook')]);
  return {
    children,
    urls,
    prefix,
    redisUrl: options.redisUrl,
    env(budgets, extra = {}) {
      return {
        REDIS_URL: options.redisUrl,
        OFFER_SYNC_PREFIX: prefix,
        OFFERIT_BASE_URL: urls.offerit,
        OFFERIT_API_USERNAME: 'sandbox',
        OFFERIT_API_KEY: 'sandbox-offerit-key',
        OFFERIT_RATE_LIMIT: formatRateLimit(budgets.offerit),
        OFFERSLOOK_BASE_URL: urls.offerslook,
        OFFERSLOOK_NETWORK: 'sandbox',
        OFFERSLOOK_API_KEY: 'sandbox-offerslook-key',
        OFFERSLOOK_RATE_LIMIT: formatRateLimit(budgets.offerslook),
        OFFERSLOOK_PAGE_SIZE: '100',
        ADVERTISER_MAP,
        LOG_LEVEL: 'warn',
        ...extra,
      };
    },
    async limit(platform, rateLimit) {
      const response = await fetch(`${root(platform)}/__sandbox/settings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rateLimit }),
      });
      if (!response.ok) throw new Error(`${platform} settings: ${await response.text()}`);
    },
    async logs() {
      const [offeritLog, offerslookLog] = await each(async (platform) => {
        const response = await fetch(`${root(platform)}/__sandbox/log`);
        return ((await response.json()) as { requests: LoggedRequest[] }).requests;
      });
      return { offerit: offeritLog, offerslook: offerslookLog };
    },
    async clearLogs() {
      await each((platform) => children[platform].ask('clear'));
    },
    async stop() {
      await each(async (platform) => {
        children[platform].kill();
        await children[platform].exited;
      });
      await deleteKeys(options.redisUrl, `{${prefix}}*`);
    },
  };
}

export async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
