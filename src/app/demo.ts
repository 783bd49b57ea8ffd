// `npm start` with no platform configured: the whole service against the two sandbox
// simulators seeded with the sample network, on the Redis at REDIS_URL or, when none answers
// there, a private redis-server. Credentials for the dashboard and the webhook secret are made
// up for the run and printed, so a newcomer can click and curl right away.
import { randomBytes } from 'node:crypto';
import { configFilePath } from '../config/index.js';
import { findOnPath, redisVersionAt, startPrivateRedis } from '../redis/private-redis.js';
import { startSandboxes } from '../sandbox/demo/start-sandboxes.js';
import type { CleanupStack } from './cleanup-stack.js';

export interface DemoEnvironment {
  /** Variables layered over the real environment. */
  env: Record<string, string>;
  /** Lines telling the user what runs where. */
  notes: string[];
}

/** No platform variable set and no config file (OFFER_SYNC_CONFIG, or offer-sync.yaml here). */
export function isDemo(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): boolean {
  if (configFilePath(env.OFFER_SYNC_CONFIG?.trim() || undefined, cwd) !== undefined) return false;
  const names = [
    'OFFERIT_BASE_URL',
    'OFFERIT_API_USERNAME',
    'OFFERIT_API_KEY',
    'OFFERSLOOK_BASE_URL',
    'OFFERSLOOK_NETWORK',
    'OFFERSLOOK_API_KEY',
  ];
  return names.every((name) => !env[name]);
}

export async function prepareDemo(
  env: NodeJS.ProcessEnv,
  cleanup: CleanupStack,
): Promise<DemoEnvironment> {
  const notes: string[] = [];
  const overrides: Record<string, string> = {};
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (env.REDIS_CLUSTER_NODES || env.REDIS_SENTINELS) {
    // A private server would clash with them (only one way to reach Redis): use what is set.
    notes.push(
      `redis       as configured (REDIS_${env.REDIS_CLUSTER_NODES ? 'CLUSTER_NODES' : 'SENTINELS'})`,
    );
  } else {
    try {
      const version = await redisVersionAt(redisUrl);
      notes.push(`redis       ${redisUrl} (Redis ${version})`);
    } catch {
      const binary = await findOnPath('redis-server');
      if (!binary) {
        throw new Error(
          `no Redis answers at ${redisUrl} and there is no redis-server on PATH: start Redis, set REDIS_URL, or install redis-server`,
        );
      }
      const redis = await startPrivateRedis(binary);
      cleanup.push('private redis', () => redis.stop());
      overrides.REDIS_URL = redis.url;
      notes.push(
        `redis       ${redis.url} (private redis-server ${redis.version}: nothing answered at ${redisUrl})`,
      );
    }
  }
  const sandboxes = await startSandboxes();
  cleanup.push('sandboxes', () => sandboxes.stop());
  Object.assign(overrides, sandboxes.env);
  notes.push(
    `offerit     ${sandboxes.urls.offerit} (sandbox; user ${sandboxes.env.OFFERIT_API_USERNAME})`,
  );
  notes.push(
    `offerslook  ${sandboxes.urls.offerslook} (sandbox; network ${sandboxes.env.OFFERSLOOK_NETWORK}, 50 requests per 10 s)`,
  );
  overrides.WEBHOOK_SECRET = env.WEBHOOK_SECRET ?? randomBytes(16).toString('hex');
  overrides.DASHBOARD_USER = env.DASHBOARD_USER ?? 'demo';
  overrides.DASHBOARD_PASSWORD = env.DASHBOARD_PASSWORD ?? randomBytes(9).toString('base64url');
  return { env: overrides, notes };
}
