// Turns the validated environment into the frozen Config passed everywhere; nothing else reads process.env.
import { OfferSyncError } from '../errors/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfigFile } from './config-file.js';
import type { ConnectionConfig, RouteConfig } from './connections.js';
import { connectionDefaults, connectionsFromEnv } from './env-connections.js';
import { envSchema, type Env } from './env-schema.js';
import { redisConfigFrom, type RedisConfig } from './redis-config.js';
import { withConnectionWebhookSecrets } from './webhook-secrets.js';

export interface Config {
  /** Which Redis: one URL, a Cluster or a Sentinel-found master (see redis-config.ts). */
  redis: RedisConfig;
  /**
   * Redis key prefix. Each connection's keys live under their own hash tag (`{prefix:name}`),
   * so a Redis Cluster spreads networks over its nodes; what is the deployment's (reconcile
   * runs, the reconcile queue) under `{prefix}`.
   */
  prefix: string;
  /** The accounts offer-sync talks to, by name (see connections.ts). */
  connections: Readonly<Record<string, ConnectionConfig>>;
  /** Which connection syncs into which, one direction each. */
  routes: readonly RouteConfig[];
  /** The config file the connections and routes came from; none: the environment's two. */
  configFile?: string;
  http: { host: string; port: number };
  /** The fallback webhook secret of connections without their own. */
  webhookSecret?: string;
  /** Bearer tokens: `api` opens every route but webhooks, `metrics` only `/metrics`. Secrets. */
  tokens: { api?: string; metrics?: string };
  dashboard: { user?: string; password?: string; readOnly: boolean };
  /** The mappings of routes that name no folder of their own. */
  mappingsDir: string;
  vanishedPolicy: 'pause' | 'ignore' | 'delete';
  reconcileCron?: string;
  /**
   * Share of each network's budget, in (0, 1], that reconciliation may hold in a rate-limit
   * window while live requests (webhooks, CLI syncs, replays) wait at that network; also what it
   * is owed meanwhile, so it never starves. Alone, it takes the whole budget.
   */
  reconcileBudgetShare: number;
  shutdownTimeoutMs: number;
  /** A running reconcile run's lease: lapsed, the run counts as interrupted. */
  reconcileLeaseMs: number;
  /** Dead letters are trimmed by age (since last seen) and count per connection. */
  deadLetterRetention: { maxAgeMs: number; maxCount: number };
  allowEviction: boolean;
  logLevel: Env['LOG_LEVEL'];
  /** Unset: pretty when the log goes to a terminal, JSON otherwise. */
  logFormat?: NonNullable<Env['LOG_FORMAT']>;
}

export class ConfigError extends OfferSyncError {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG';
  readonly retryable = false;
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export interface LoadConfigOptions {
  /** Where `offer-sync.yaml` and a relative OFFER_SYNC_CONFIG are looked for. @defaultValue process.cwd() */
  cwd?: string;
}

/**
 * Validates the environment (and the config file, when there is one) once. Throws ConfigError
 * with one readable line per problem.
 */
export function loadConfig(
  source: NodeJS.ProcessEnv = process.env,
  loadOptions: LoadConfigOptions = {},
): Config {
  const options = { cwd: loadOptions.cwd ?? process.cwd() };
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
    connections: {},
    routes: [],
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    tokens: {},
    dashboard: { readOnly: env.DASHBOARD_READ_ONLY },
    mappingsDir: env.MAPPINGS_DIR,
    vanishedPolicy: env.VANISHED_POLICY,
    reconcileBudgetShare: env.RECONCILE_BUDGET_SHARE,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT,
    reconcileLeaseMs: env.RECONCILE_LEASE,
    deadLetterRetention: { maxAgeMs: env.DLQ_MAX_AGE, maxCount: env.DLQ_MAX_COUNT },
    allowEviction: env.ALLOW_EVICTION,
    logLevel: env.LOG_LEVEL,
  };
  if (env.WEBHOOK_SECRET) config.webhookSecret = env.WEBHOOK_SECRET;
  if (env.API_TOKEN) config.tokens.api = env.API_TOKEN;
  if (env.METRICS_TOKEN) config.tokens.metrics = env.METRICS_TOKEN;
  if (env.DASHBOARD_USER) config.dashboard.user = env.DASHBOARD_USER;
  if (env.DASHBOARD_PASSWORD) config.dashboard.password = env.DASHBOARD_PASSWORD;
  if (Boolean(env.DASHBOARD_USER) !== Boolean(env.DASHBOARD_PASSWORD)) {
    problems.push('DASHBOARD_USER and DASHBOARD_PASSWORD: set both or neither');
  }
  if (env.RECONCILE_CRON) config.reconcileCron = env.RECONCILE_CRON;
  if (env.LOG_FORMAT) config.logFormat = env.LOG_FORMAT;

  const file = configFilePath(env.OFFER_SYNC_CONFIG, options.cwd);
  const defaults = connectionDefaults(env);
  const declared = file
    ? parseConfigFile(readFile(file, problems), file, source, defaults, problems)
    : connectionsFromEnv(env, defaults, problems);
  config.connections = withConnectionWebhookSecrets(declared.connections, source);
  config.routes = declared.routes;
  if (file) config.configFile = file;
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/** Why `name` is no connection, in the words of where connections come from. */
export function unknownConnection(config: Config, name: string): string {
  const known = Object.keys(config.connections);
  const configured = known.length > 0 ? `configured: ${known.join(', ')}` : 'none configured';
  const platformVars =
    name === 'offerit' || name === 'offerslook' ? `set the ${name.toUpperCase()}_* variables` : '';
  const hint = config.configFile
    ? `add it to ${config.configFile}`
    : platformVars || 'name it in offer-sync.yaml';
  return `no connection named ${JSON.stringify(name)} (${configured}; ${hint})`;
}

/** `OFFER_SYNC_CONFIG`, else `offer-sync.yaml` in the working directory when it exists. */
export function configFilePath(named: string | undefined, cwd: string): string | undefined {
  if (named !== undefined) return resolve(cwd, named);
  const local = resolve(cwd, 'offer-sync.yaml');
  return existsSync(local) ? local : undefined;
}

function readFile(file: string, problems: string[]): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(
      `OFFER_SYNC_CONFIG: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
    return '';
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
