// Turns the validated environment into the frozen Config passed everywhere; nothing else reads process.env.
import { OfferSyncError } from '../errors/index.js';
import type { RateLimit } from './duration.js';
import { envSchema, type Env } from './env-schema.js';
import { redisConfigFrom, type RedisConfig } from './redis-config.js';

export interface OfferitConfig {
  platform: 'offerit';
  /** Ends in `/api`; endpoint paths like `/offer/add_offer` are appended. */
  baseUrl: string;
  username: string;
  apiKey: string;
  rateLimit: RateLimit;
  timeoutMs: number;
  maxOfferId: number;
  emptyWindows: number;
  windowSize: number;
}

export interface OfferslookConfig {
  platform: 'offerslook';
  /** Paths like `/v1/offers` are appended. */
  baseUrl: string;
  network: string;
  apiKey: string;
  rateLimit: RateLimit;
  timeoutMs: number;
  pageSize: number;
}

export interface Config {
  /** Which Redis: one URL, a Cluster or a Sentinel-found master (see redis-config.ts). */
  redis: RedisConfig;
  /** Redis key prefix; wrapped in a hash tag (`{prefix}`) so every key lands on one Cluster slot. */
  prefix: string;
  offerit?: OfferitConfig;
  offerslook?: OfferslookConfig;
  http: { host: string; port: number };
  webhookSecret?: string;
  dashboard: { user?: string; password?: string; readOnly: boolean };
  mappingsDir: string;
  /** Offerit advertiser id -> Offerslook advertiser id. */
  advertiserMap: ReadonlyArray<readonly [string, string]>;
  vanishedPolicy: 'pause' | 'ignore' | 'delete';
  reconcileCron?: string;
  /**
   * Share of each network's budget, in (0, 1], that reconciliation may hold in a rate-limit
   * window while live requests (webhooks, CLI syncs, replays) wait at that network; also what it
   * is owed meanwhile, so it never starves. Alone, it takes the whole budget.
   */
  reconcileBudgetShare: number;
  shutdownTimeoutMs: number;
  allowEviction: boolean;
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends OfferSyncError {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG';
  readonly retryable = false;
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Validates the environment once. Throws ConfigError with one readable line per problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
      ),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  const redis = redisConfigFrom(env, problems);
  const config: Config = {
    // Only read once `problems` is known to be empty, when `redis` is always set.
    redis: redis!,
    prefix: env.OFFER_SYNC_PREFIX,
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    dashboard: { readOnly: env.DASHBOARD_READ_ONLY },
    mappingsDir: env.MAPPINGS_DIR,
    advertiserMap: env.ADVERTISER_MAP,
    vanishedPolicy: env.VANISHED_POLICY,
    reconcileBudgetShare: env.RECONCILE_BUDGET_SHARE,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT,
    allowEviction: env.ALLOW_EVICTION,
    logLevel: env.LOG_LEVEL,
  };
  if (env.WEBHOOK_SECRET) config.webhookSecret = env.WEBHOOK_SECRET;
  if (env.DASHBOARD_USER) config.dashboard.user = env.DASHBOARD_USER;
  if (env.DASHBOARD_PASSWORD) config.dashboard.password = env.DASHBOARD_PASSWORD;
  if (Boolean(env.DASHBOARD_USER) !== Boolean(env.DASHBOARD_PASSWORD)) {
    problems.push('DASHBOARD_USER and DASHBOARD_PASSWORD: set both or neither');
  }
  if (env.RECONCILE_CRON) config.reconcileCron = env.RECONCILE_CRON;

  const offeritVars = ['OFFERIT_BASE_URL', 'OFFERIT_API_USERNAME', 'OFFERIT_API_KEY'] as const;
  if (offeritVars.some((name) => env[name] !== undefined)) {
    requireAll(env, offeritVars, 'Offerit', problems);
    if (env.OFFERIT_BASE_URL && !env.OFFERIT_BASE_URL.endsWith('/api')) {
      problems.push(
        'OFFERIT_BASE_URL: expected a URL ending in /api, such as https://network.example/api',
      );
    }
    if (env.OFFERIT_BASE_URL && env.OFFERIT_API_USERNAME && env.OFFERIT_API_KEY) {
      config.offerit = {
        platform: 'offerit',
        baseUrl: env.OFFERIT_BASE_URL,
        username: env.OFFERIT_API_USERNAME,
        apiKey: env.OFFERIT_API_KEY,
        rateLimit: env.OFFERIT_RATE_LIMIT,
        timeoutMs: env.OFFERIT_TIMEOUT_MS,
        maxOfferId: env.OFFERIT_MAX_OFFER_ID,
        emptyWindows: env.OFFERIT_EMPTY_WINDOWS,
        windowSize: env.OFFERIT_WINDOW_SIZE,
      };
    }
  }
  const offerslookVars = [
    'OFFERSLOOK_BASE_URL',
    'OFFERSLOOK_NETWORK',
    'OFFERSLOOK_API_KEY',
  ] as const;
  if (offerslookVars.some((name) => env[name] !== undefined)) {
    requireAll(env, offerslookVars, 'Offerslook', problems);
    if (env.OFFERSLOOK_BASE_URL && env.OFFERSLOOK_NETWORK && env.OFFERSLOOK_API_KEY) {
      config.offerslook = {
        platform: 'offerslook',
        baseUrl: env.OFFERSLOOK_BASE_URL,
        network: env.OFFERSLOOK_NETWORK,
        apiKey: env.OFFERSLOOK_API_KEY,
        rateLimit: env.OFFERSLOOK_RATE_LIMIT,
        timeoutMs: env.OFFERSLOOK_TIMEOUT_MS,
        pageSize: Math.min(env.OFFERSLOOK_PAGE_SIZE, 1000),
      };
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function requireAll(
  env: Env,
  names: readonly (keyof Env)[],
  platform: string,
  problems: string[],
): void {
  for (const name of names) {
    if (env[name] === undefined) {
      problems.push(`${name}: required when any ${platform} variable is set (${names.join(', ')})`);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
