// A private Sentinel setup for the tests, from the redis-server on PATH: one master, one
// replica and a few sentinels (`redis-server <conf> --sentinel`) on free loopback ports, in a
// temp dir. It can crash the master (SIGKILL) and wait until the sentinels have promoted the
// replica and name it as the master.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisNode } from '../../src/config/index.js';
import {
  HOST,
  freePorts,
  infoFields,
  logTails,
  notYetOnError,
  redisBinaries,
  startRedisProcess,
  type RedisProcess,
} from './redis-processes.js';
import { waitFor } from './wait-for.js';

export interface RedisSentinelOptions {
  /** Sentinels; a majority of them must agree to fail over. @defaultValue 3 */
  sentinels?: number;
  /** `down-after-milliseconds`: how long the master may be silent before it counts as down. @defaultValue 1000 */
  downAfterMs?: number;
  /** `requirepass` and `masterauth` of the master and the replica. @defaultValue none */
  password?: string;
}

export interface LocalRedisSentinel {
  /** The master group name the sentinels monitor. */
  readonly name: string;
  readonly sentinels: readonly RedisNode[];
  /** `host:port,...` of `sentinels`, as REDIS_SENTINELS takes them. */
  readonly sentinelList: string;
  /** The data nodes as started: the master first, then its replica. */
  readonly master: RedisNode;
  readonly replica: RedisNode;
  /** SIGKILLs the master; resolves once the sentinels name the promoted replica, with how long it took (ms). */
  killMaster(): Promise<{ promoted: RedisNode; tookMs: number }>;
  stop(): Promise<void>;
}

const NAME = 'offer-sync-test';

export async function startRedisSentinel(
  options: RedisSentinelOptions = {},
): Promise<LocalRedisSentinel> {
  const sentinelCount = options.sentinels ?? 3;
  const downAfterMs = options.downAfterMs ?? 1000;
  const { password } = options;
  const binaries = await redisBinaries();
  const dir = await mkdtemp(join(tmpdir(), 'offer-sync-sentinel-'));
  const processes: RedisProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(processes.map((node) => node.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const [masterPort = 0, replicaPort = 0, ...sentinelPorts] = await freePorts(2 + sentinelCount);
    const auth =
      password === undefined ? [] : ['--requirepass', password, '--masterauth', password];
    const data = [
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--repl-diskless-sync-delay',
      '0',
    ];
    const master = await startRedisProcess(
      binaries.server,
      dir,
      masterPort,
      [...data, ...auth],
      password,
    );
    processes.push(master);
    const replica = await startRedisProcess(
      binaries.server,
      dir,
      replicaPort,
      [...data, ...auth, '--replicaof', HOST, String(masterPort)],
      password,
    );
    processes.push(replica);
    await waitFor(
      notYetOnError(async () => {
        const replication = infoFields(await replica.admin.info('replication'));
        return replication.master_link_status === 'up' || undefined;
      }),
      'the replica to sync with the master',
      15_000,
      50,
    );
    const quorum = Math.floor(sentinelCount / 2) + 1;
    const sentinels = await Promise.all(
      sentinelPorts.map(async (port) => {
        // Sentinel rewrites its config file as it learns, so each gets its own.
        const file = join(dir, `sentinel-${port}.conf`);
        await writeFile(
          file,
          [
            `sentinel monitor ${NAME} ${HOST} ${masterPort} ${quorum}`,
            `sentinel down-after-milliseconds ${NAME} ${downAfterMs}`,
            `sentinel failover-timeout ${NAME} 10000`,
            ...(password === undefined ? [] : [`sentinel auth-pass ${NAME} ${password}`]),
            '',
          ].join('\n'),
        );
        const sentinel = await startRedisProcess(binaries.server, dir, port, [file, '--sentinel']);
        processes.push(sentinel);
        return sentinel;
      }),
    );
    // Sentinels find the replica and each other through the master (hello messages every 2 s);
    // a failover needs a majority that knows the others.
    await waitFor(
      notYetOnError(async () => {
        const ready = await Promise.all(
          sentinels.map(async (sentinel) => {
            const known = (await sentinel.admin.call('SENTINEL', 'SENTINELS', NAME)) as unknown[];
            const replicas = (await sentinel.admin.call('SENTINEL', 'REPLICAS', NAME)) as unknown[];
            return known.length === sentinelCount - 1 && replicas.length === 1;
          }),
        );
        return ready.every(Boolean) || undefined;
      }),
      'the sentinels to know the replica and each other',
      15_000,
      100,
    );
    const node = (server: RedisProcess): RedisNode => ({ host: HOST, port: server.port });
    return {
      name: NAME,
      sentinels: sentinels.map(node),
      sentinelList: sentinels.map((sentinel) => sentinel.address).join(','),
      master: node(master),
      replica: node(replica),
      stop,
      async killMaster() {
        const started = Date.now();
        await master.kill();
        const promoted = waitFor(
          notYetOnError(async () => {
            const named = await Promise.all(
              sentinels.map(
                async (sentinel) =>
                  (await sentinel.admin.call(
                    'SENTINEL',
                    'GET-MASTER-ADDR-BY-NAME',
                    NAME,
                  )) as string[],
              ),
            );
            const role = (await replica.admin.role()) as [string, ...unknown[]];
            const promoted =
              role[0] === 'master' && named.every(([, port]) => Number(port) === replica.port);
            return promoted || undefined;
          }),
          `the sentinels to promote ${replica.address}`,
          30_000,
          100,
        );
        await promoted.catch(async (error: Error) => {
          throw new Error(`${error.message}\n${await logTails(sentinels)}`);
        });
        return { promoted: node(replica), tookMs: Date.now() - started };
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
