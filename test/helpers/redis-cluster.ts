// A private Redis Cluster for the tests, from the redis-server and redis-cli on PATH: masters
// with one replica each on free loopback ports, in a temp dir, keeping nothing on disk. It can
// crash a master (SIGKILL) and wait until its replica has taken over, as a real failover plays
// out: the other nodes mark it failed after `cluster-node-timeout`, its replica is elected and
// promoted, and the cluster answers again.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RedisNode } from '../../src/config/index.js';
import {
  HOST,
  freePorts,
  infoFields,
  notYetOnError,
  redisBinaries,
  startRedisProcess,
  type RedisProcess,
} from './redis-processes.js';
import { waitFor } from './wait-for.js';

const run = promisify(execFile);

export interface RedisClusterOptions {
  /** Masters; each gets one replica. @defaultValue 3 */
  masters?: number;
  /**
   * `cluster-node-timeout`, in milliseconds: how long a master may be silent before the others
   * mark it failed. A failover takes about twice this plus the election. @defaultValue 1000
   */
  nodeTimeoutMs?: number;
  /** `requirepass` and `masterauth` of every node. @defaultValue none */
  password?: string;
}

export interface Failover {
  killed: RedisNode;
  promoted: RedisNode;
  /** From the kill until every live node answered `cluster_state:ok` again, in milliseconds. */
  tookMs: number;
}

export interface LocalRedisCluster {
  /** Every node as started (masters and replicas); any of them is a valid startup node. */
  readonly nodes: readonly RedisNode[];
  /** `host:port,...` of `nodes`, as REDIS_CLUSTER_NODES takes them. */
  readonly nodeList: string;
  /** The live masters now, by port. */
  masters(): Promise<RedisNode[]>;
  /** The master serving `key`'s slot now. */
  masterOf(key: string): Promise<RedisNode>;
  /** SIGKILLs that master and waits until its replica is promoted and the cluster is ok. */
  killMaster(master: RedisNode): Promise<Failover>;
  /** Stops every node and removes the temp dir. */
  stop(): Promise<void>;
}

interface NodeLine {
  id: string;
  port: number;
  flags: string[];
  /** The master's id, for a replica. */
  masterId: string | undefined;
  /** Slot ranges served, `[first, last]`. */
  slots: [number, number][];
}

/** Parses CLUSTER NODES: `<id> <ip:port@bus> <flags> <master|-> <ping> <pong> <epoch> <link> <slots...>`. */
function parseNodes(text: string): NodeLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id = '', address = '', flags = '', master = '-', , , , , ...slots] = line.split(' ');
      return {
        id,
        port: Number(/:(\d+)@/.exec(address)?.[1]),
        flags: flags.split(','),
        masterId: master === '-' ? undefined : master,
        slots: slots
          .filter((slot) => !slot.startsWith('['))
          .map((slot) => {
            const [first = '0', last = first] = slot.split('-');
            return [Number(first), Number(last)] as [number, number];
          }),
      };
    });
}

export async function startRedisCluster(
  options: RedisClusterOptions = {},
): Promise<LocalRedisCluster> {
  const masterCount = options.masters ?? 3;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 1000;
  const { password } = options;
  const binaries = await redisBinaries();
  const { stdout } = await run(binaries.server, ['--version']);
  const version = /v=(\d+)\.(\d+)/.exec(stdout);
  if (!version || Number(version[1]) < 7) {
    // `cluster-port` (a bus port of our choosing, not port + 10000) came with Redis 7.0.
    throw new Error(`the cluster helper needs redis-server >= 7.0, found ${stdout.trim()}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'offer-sync-cluster-'));
  const processes = new Map<number, RedisProcess>();
  const stop = async (): Promise<void> => {
    await Promise.all([...processes.values()].map((node) => node.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const count = masterCount * 2;
    // Client and bus ports are chosen apart: the default bus port (port + 10000) may be taken.
    const ports = await freePorts(count * 2);
    await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const port = ports[index]!;
        const node = await startRedisProcess(
          binaries.server,
          dir,
          port,
          [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(dir, `nodes-${port}.conf`),
            '--cluster-port',
            String(ports[count + index]),
            '--cluster-node-timeout',
            String(nodeTimeoutMs),
            '--appendonly',
            'no',
            '--save',
            '',
            '--dir',
            dir,
            '--maxmemory-policy',
            'noeviction',
            // A master waits 5 s by default before a diskless sync, for more replicas to join.
            '--repl-diskless-sync-delay',
            '0',
            // CLUSTER SLOTS (what clients learn the nodes from) leaves out a replica until its
            // replication offset moves; on an idle master that takes the ping, every 10 s.
            '--repl-ping-replica-period',
            '1',
            ...(password === undefined
              ? []
              : ['--requirepass', password, '--masterauth', password]),
          ],
          password,
        );
        processes.set(port, node);
      }),
    );
    const addresses = ports.slice(0, count).map((port) => `${HOST}:${port}`);
    await run(
      binaries.cli,
      [
        ...(password === undefined ? [] : ['-a', password, '--no-auth-warning']),
        '--cluster',
        'create',
        ...addresses,
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      { timeout: 30_000 },
    );
    const cluster = new LocalCluster(processes, stop);
    await cluster.waitUntilHealthy(masterCount, 30_000);
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}

class LocalCluster implements LocalRedisCluster {
  readonly nodes: readonly RedisNode[];
  readonly nodeList: string;

  constructor(
    private readonly processes: Map<number, RedisProcess>,
    readonly stop: () => Promise<void>,
  ) {
    this.nodes = [...processes.keys()].map((port) => ({ host: HOST, port }));
    this.nodeList = this.nodes.map((node) => `${node.host}:${node.port}`).join(',');
  }

  private live(): RedisProcess[] {
    return [...this.processes.values()].filter(
      (node) => node.child.exitCode === null && node.child.signalCode === null,
    );
  }

  /** CLUSTER NODES as one live node sees it. */
  private async view(node = this.live()[0]): Promise<NodeLine[]> {
    if (!node) throw new Error('no live cluster node');
    return parseNodes((await node.admin.cluster('NODES')) as string);
  }

  async masters(): Promise<RedisNode[]> {
    return (await this.view())
      .filter((line) => line.flags.includes('master') && !line.flags.includes('fail'))
      .map((line) => ({ host: HOST, port: line.port }));
  }

  async masterOf(key: string): Promise<RedisNode> {
    const [first] = this.live();
    if (!first) throw new Error('no live cluster node');
    const slot = await first.admin.cluster('KEYSLOT', key);
    const master = (await this.view(first)).find(
      (line) =>
        line.flags.includes('master') &&
        !line.flags.includes('fail') &&
        line.slots.some(([low, high]) => slot >= low && slot <= high),
    );
    if (!master) throw new Error(`no master serves slot ${slot} of ${key}`);
    return { host: HOST, port: master.port };
  }

  async killMaster(master: RedisNode): Promise<Failover> {
    const victim = this.processes.get(master.port);
    if (!victim) throw new Error(`${master.host}:${master.port} is not a node of this cluster`);
    const lines = await this.view(this.live().find((node) => node !== victim));
    const victimId = lines.find((line) => line.port === master.port)?.id;
    const replicaPort = lines.find((line) => line.masterId === victimId)?.port;
    const replica = replicaPort === undefined ? undefined : this.processes.get(replicaPort);
    if (!victimId || !replica) throw new Error(`${victim.address} has no replica to promote`);
    const masterCount = lines.filter((line) => line.flags.includes('master')).length;
    const started = Date.now();
    await victim.kill();
    await waitFor(
      notYetOnError(async () => {
        const role = (await replica.admin.role()) as [string, ...unknown[]];
        return role[0] === 'master' || undefined;
      }),
      `${replica.address} to be promoted after ${victim.address} was killed`,
      30_000,
      100,
    );
    await this.waitUntilHealthy(masterCount, 30_000);
    return {
      killed: master,
      promoted: { host: HOST, port: replica.port },
      tookMs: Date.now() - started,
    };
  }

  /**
   * Until every live node says `cluster_state:ok`, all live nodes agree on the masters, there
   * are `masterCount` of them, every live replica has finished its sync, and CLUSTER SLOTS
   * lists every live node (so a client sees the replicas too).
   */
  async waitUntilHealthy(masterCount: number, timeoutMs: number): Promise<void> {
    await waitFor(
      notYetOnError(async () => {
        const live = this.live();
        const views = await Promise.all(
          live.map(async (node) => {
            const info = infoFields(await node.admin.cluster('INFO'));
            if (info.cluster_state !== 'ok' || info.cluster_slots_ok !== '16384') return undefined;
            const lines = await this.view(node);
            const myself = lines.find((line) => line.flags.includes('myself'));
            if (myself?.flags.includes('slave')) {
              const replication = infoFields(await node.admin.info('replication'));
              if (replication.master_link_status !== 'up') return undefined;
              if (replication.master_sync_in_progress !== '0') return undefined;
            }
            if (lines.some((line) => line.flags.includes('handshake'))) return undefined;
            const slots = (await node.admin.cluster('SLOTS')) as [number, number, ...unknown[]][];
            const listed = slots.reduce((sum, [, , ...nodes]) => sum + nodes.length, 0);
            if (listed !== live.length) return undefined;
            return lines
              .filter((line) => line.flags.includes('master') && line.slots.length > 0)
              .map((line) => line.port)
              .sort()
              .join(',');
          }),
        );
        const [first] = views;
        if (first === undefined || views.some((view) => view !== first)) return undefined;
        return first.split(',').length === masterCount || undefined;
      }),
      `the cluster to be ok on every live node with ${masterCount} masters`,
      timeoutMs,
      100,
    );
  }
}
