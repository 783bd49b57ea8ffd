// Where offer-sync's Redis is: one server at a URL (the default), a Redis Cluster, or a master
// found through Sentinel. Exactly one of them; a password may come from REDIS_PASSWORD for any.
// The password is kept in one field only (`password`, never inside `url`), so a description
// of the target can be logged or printed without it.

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisNode {
  host: string;
  port: number;
}

interface RedisCredentials {
  /** ACL user, from the URL's user part (only URL mode can carry one). */
  username?: string;
  /** From REDIS_PASSWORD or the URL's password part; redacted by the logger's `*.password`. */
  password?: string;
}

export interface RedisUrlConfig extends RedisCredentials {
  mode: 'url';
  /** `redis://` or `rediss://` URL without user or password. */
  url: string;
}

export interface RedisClusterConfig extends RedisCredentials {
  mode: 'cluster';
  /** Startup nodes; the client learns the rest of the cluster from any one of them. */
  nodes: readonly RedisNode[];
}

export interface RedisSentinelConfig extends RedisCredentials {
  mode: 'sentinel';
  sentinels: readonly RedisNode[];
  /** The master group name the sentinels monitor (`sentinel monitor <name> ...`). */
  name: string;
}

export type RedisConfig = RedisUrlConfig | RedisClusterConfig | RedisSentinelConfig;

/** The Redis variables, already checked one by one by the env schema. */
export interface RedisVariables {
  REDIS_URL?: string | undefined;
  REDIS_CLUSTER_NODES?: RedisNode[] | undefined;
  REDIS_SENTINELS?: RedisNode[] | undefined;
  REDIS_SENTINEL_NAME?: string | undefined;
  REDIS_PASSWORD?: string | undefined;
}

const MODE_VARIABLES = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;

/** Checks how the variables combine; pushes one line per problem and returns undefined then. */
export function redisConfigFrom(env: RedisVariables, problems: string[]): RedisConfig | undefined {
  const before = problems.length;
  const chosen = MODE_VARIABLES.filter((name) => env[name] !== undefined);
  if (chosen.length > 1) {
    problems.push(
      `${chosen.join(' and ')}: set only one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS`,
    );
  }
  if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME) {
    problems.push(
      'REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the master name the sentinels monitor, such as mymaster)',
    );
  }
  if (env.REDIS_SENTINEL_NAME && !env.REDIS_SENTINELS) {
    problems.push('REDIS_SENTINEL_NAME: only used with REDIS_SENTINELS, which is not set');
  }
  const url = new URL(env.REDIS_URL ?? DEFAULT_REDIS_URL);
  const urlPassword = decodeURIComponent(url.password);
  if (urlPassword && env.REDIS_PASSWORD) {
    problems.push('REDIS_PASSWORD and REDIS_URL: both carry a password; keep it in one of them');
  }
  if (problems.length > before) return undefined;

  const password = env.REDIS_PASSWORD ?? (urlPassword || undefined);
  const credentials = password === undefined ? {} : { password };
  if (env.REDIS_CLUSTER_NODES) {
    return { mode: 'cluster', nodes: env.REDIS_CLUSTER_NODES, ...credentials };
  }
  if (env.REDIS_SENTINELS && env.REDIS_SENTINEL_NAME) {
    return {
      mode: 'sentinel',
      sentinels: env.REDIS_SENTINELS,
      name: env.REDIS_SENTINEL_NAME,
      ...credentials,
    };
  }
  const username = decodeURIComponent(url.username);
  url.username = '';
  url.password = '';
  return {
    mode: 'url',
    url: url.href.replace(/\/$/, ''),
    ...(username ? { username } : {}),
    ...credentials,
  };
}

/** One line naming the target, without the password: for logs, errors and `doctor`. */
export function describeRedis(redis: RedisConfig): string {
  const auth = redis.password === undefined ? '' : ' (with password)';
  switch (redis.mode) {
    case 'url':
      return `${redis.url}${auth}`;
    case 'cluster':
      return `cluster ${redis.nodes.map(formatNode).join(',')}${auth}`;
    case 'sentinel':
      return `sentinel master ${redis.name} via ${redis.sentinels.map(formatNode).join(',')}${auth}`;
  }
}

/** `host:port`, with IPv6 hosts in brackets as they are written in the variables. */
export function formatNode(node: RedisNode): string {
  return node.host.includes(':') ? `[${node.host}]:${node.port}` : `${node.host}:${node.port}`;
}

/**
 * Parses `host:port,host:port`; IPv6 hosts go in brackets (`[::1]:7000`). Returns the problem
 * as text for the schema to report, naming the item that is wrong.
 */
export function parseNodeList(text: string, example: string): RedisNode[] | string {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) return `expected host:port pairs such as ${example}`;
  const nodes: RedisNode[] = [];
  for (const item of items) {
    const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]/]+)):(\d{1,5})$/.exec(item);
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65_535) {
      return `expected host:port pairs such as ${example}, got ${JSON.stringify(item)}`;
    }
    nodes.push({ host: match[1] ?? match[2]!, port });
  }
  return nodes;
}
