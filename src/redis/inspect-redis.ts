// What offer-sync needs to know about the Redis it runs on: BullMQ needs >= 6.2, and any
// eviction policy but `noeviction` can silently drop queued jobs and links. On a Cluster every
// node is asked: INFO and CONFIG answer for one node only, and a replica is a master after a
// failover, so one permissive node anywhere is enough to lose keys.
import { Cluster, type Redis } from 'ioredis';
import type { RedisConnection } from './redis-connection.js';

export const MIN_REDIS_VERSION = '6.2.0';

export interface NodeFacts {
  /** `host:port` as the client knows the node. */
  node: string;
  version: string;
  /** `undefined` when the server hides it (some managed services disable CONFIG and INFO fields). */
  maxmemoryPolicy: string | undefined;
}

export interface RedisFacts {
  /** The lowest version of any node that answered. */
  version: string;
  /** `noeviction` only when every node that answered says so; else the first other answer. */
  maxmemoryPolicy: string | undefined;
  /** Each node that answered: one for a single server, every master and replica of a Cluster. */
  nodes: NodeFacts[];
  /** Cluster nodes that did not answer (`host:port: reason`); a single server throws instead. */
  unreachable: string[];
}

export async function inspectRedis(redis: RedisConnection): Promise<RedisFacts> {
  if (!(redis instanceof Cluster)) return summarize([await inspectNode(redis)], []);
  const nodes: NodeFacts[] = [];
  const unreachable: string[] = [];
  // A dead replica does not stop the cluster; it is reported, and the others still decide.
  await Promise.all(
    redis.nodes('all').map(async (node) => {
      try {
        nodes.push(await inspectNode(node));
      } catch (error) {
        unreachable.push(`${nodeName(node)}: ${(error as Error).message}`);
      }
    }),
  );
  if (nodes.length === 0) throw new Error(`no Cluster node answered (${unreachable.join('; ')})`);
  return summarize(nodes, unreachable);
}

function summarize(nodes: NodeFacts[], unreachable: string[]): RedisFacts {
  let version = nodes[0]?.version ?? '0.0.0';
  for (const node of nodes) if (!versionAtLeast(node.version, version)) version = node.version;
  const permissive = nodes.find((node) => node.maxmemoryPolicy !== 'noeviction');
  return {
    version,
    maxmemoryPolicy: permissive ? permissive.maxmemoryPolicy : 'noeviction',
    nodes,
    unreachable,
  };
}

async function inspectNode(redis: Redis): Promise<NodeFacts> {
  const server = await redis.info('server');
  const memory = await redis.info('memory');
  const version = /redis_version:(\S+)/.exec(server)?.[1] ?? '0.0.0';
  let maxmemoryPolicy = /maxmemory_policy:(\S+)/.exec(memory)?.[1];
  if (maxmemoryPolicy === undefined) {
    const reply = (await redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
    maxmemoryPolicy = reply[1];
  }
  return { node: nodeName(redis), version, maxmemoryPolicy };
}

function nodeName(redis: Redis): string {
  const { sentinels, name, host, port } = redis.options;
  return sentinels ? `master ${name ?? ''}` : `${host}:${port}`;
}

/** Compares dotted versions numerically: `7.0.15` >= `6.2.0`. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const have = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const want = minimum.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < Math.max(have.length, want.length); index++) {
    const difference = (have[index] ?? 0) - (want[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}
