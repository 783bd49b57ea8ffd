// Without a config file, today's environment variables define two connections, named after
// their platforms (`offerit`, `offerslook`), and one route between them, both ways: every
// command, webhook URL and variable keeps working unchanged.
import type { ConfigFileResult, ConnectionDefaults } from './config-file.js';
import { ROUTE_ENTITIES, routeName, type ConnectionConfig } from './connections.js';
import type { Env } from './env-schema.js';

export function connectionDefaults(env: Env): ConnectionDefaults {
  return {
    offerit: {
      rateLimit: env.OFFERIT_RATE_LIMIT,
      timeoutMs: env.OFFERIT_TIMEOUT_MS,
      maxOfferId: env.OFFERIT_MAX_OFFER_ID,
      emptyWindows: env.OFFERIT_EMPTY_WINDOWS,
      windowSize: env.OFFERIT_WINDOW_SIZE,
    },
    offerslook: {
      rateLimit: env.OFFERSLOOK_RATE_LIMIT,
      timeoutMs: env.OFFERSLOOK_TIMEOUT_MS,
      pageSize: Math.min(env.OFFERSLOOK_PAGE_SIZE, 1000),
    },
    mappingsDir: env.MAPPINGS_DIR,
  };
}

export function connectionsFromEnv(
  env: Env,
  defaults: ConnectionDefaults,
  problems: string[],
): ConfigFileResult {
  const connections: Record<string, ConnectionConfig> = {};
  const offeritVars = ['OFFERIT_BASE_URL', 'OFFERIT_API_USERNAME', 'OFFERIT_API_KEY'] as const;
  if (offeritVars.some((name) => env[name] !== undefined)) {
    requireAll(env, offeritVars, 'Offerit', problems);
    if (env.OFFERIT_BASE_URL && !env.OFFERIT_BASE_URL.endsWith('/api')) {
      problems.push(
        'OFFERIT_BASE_URL: expected a URL ending in /api, such as https://network.example/api',
      );
    }
    if (env.OFFERIT_BASE_URL && env.OFFERIT_API_USERNAME && env.OFFERIT_API_KEY) {
      connections.offerit = {
        name: 'offerit',
        platform: 'offerit',
        baseUrl: env.OFFERIT_BASE_URL,
        username: env.OFFERIT_API_USERNAME,
        apiKey: env.OFFERIT_API_KEY,
        ...defaults.offerit,
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
      connections.offerslook = {
        name: 'offerslook',
        platform: 'offerslook',
        baseUrl: env.OFFERSLOOK_BASE_URL,
        network: env.OFFERSLOOK_NETWORK,
        apiKey: env.OFFERSLOOK_API_KEY,
        ...defaults.offerslook,
      };
    }
  }
  // The route exists only with both ends; commands that need it say what is missing.
  const both = connections.offerit !== undefined && connections.offerslook !== undefined;
  const route = (source: string, target: string) => ({
    name: routeName(source, target),
    source,
    target,
    entities: ROUTE_ENTITIES,
    advertiserMap: env.ADVERTISER_MAP,
    mappingsDir: defaults.mappingsDir,
    approveNew: env.APPROVE_NEW,
  });
  return {
    connections,
    routes: both ? [route('offerit', 'offerslook'), route('offerslook', 'offerit')] : [],
  };
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
