// redis-server processes for the Cluster and Sentinel helpers: started from PATH on free
// loopback ports (as redis-server.ts starts the single private server), answering PING before
// they are handed out, and never outliving the test process, even when it dies abruptly.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findOnPath, freePort } from '../../src/redis/private-redis.js';

export const HOST = '127.0.0.1';

export interface RedisProcess {
  readonly port: number;
  /** `127.0.0.1:<port>` */
  readonly address: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** An admin connection; commands fail at once while it is down (no retries, no queue). */
  readonly admin: Redis;
  /** SIGKILL, as a crash: no shutdown, no last write. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A worker that exits without running afterAll (timeout, crash) would leave orphans behind.
  process.once('exit', () => {
    for (const orphan of running) orphan.kill('SIGKILL');
  });
}

/** Both binaries the helpers need, or an error that says how to get them. */
export async function redisBinaries(): Promise<{ server: string; cli: string }> {
  const [server, cli] = await Promise.all([findOnPath('redis-server'), findOnPath('redis-cli')]);
  if (!server || !cli) {
    throw new Error(
      `the Cluster and Sentinel tests need redis-server and redis-cli on PATH (missing: ${[
        server ? '' : 'redis-server',
        cli ? '' : 'redis-cli',
      ]
        .filter(Boolean)
        .join(', ')}); install them with apt-get install -y redis-server (it brings redis-cli)`,
    );
  }
  return { server, cli };
}

/** Distinct free ports; several at once so that no two servers are handed the same one. */
export async function freePorts(count: number, taken = new Set<number>()): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (port > 0 && !taken.has(port)) {
      taken.add(port);
      ports.push(port);
    }
  }
  return ports;
}

/**
 * Starts `redis-server <args> --port <port>` (args may start with a config file) and waits
 * for PING (sent with `password` when the server requires one). Logs go to `<dir>/<port>.log`, quoted in the error if the server does not come up.
 */
export async function startRedisProcess(
  binary: string,
  dir: string,
  port: number,
  args: readonly string[],
  password?: string,
): Promise<RedisProcess> {
  const logFile = join(dir, `${port}.log`);
  const child = spawn(
    binary,
    [...args, '--port', String(port), '--bind', HOST, '--logfile', logFile],
    { stdio: 'ignore' },
  );
  killOnExit(child);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  const connect = (retryStrategy: () => number | null): Redis => {
    const client = new Redis(port, HOST, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy,
      enableOfflineQueue: false,
      connectTimeout: 2000,
      ...(password === undefined ? {} : { password }),
    });
    // Refusals while the server boots, and its end when a test kills it, are expected.
    client.on('error', () => {});
    return client;
  };
  const address = `${HOST}:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    // A fresh probe per try: a client once disconnect()ed by hand would never reconnect again.
    const probe = connect(() => null);
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      if (!alive() || Date.now() > deadline) {
        child.kill('SIGKILL');
        const log = await readFile(logFile, 'utf8').catch(() => '(no log)');
        throw new Error(
          `redis-server at ${address} did not come up: ${(error as Error).message}\n${log.slice(-2000)}`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
  // Sentinel kills the clients of a node it promotes: the admin reconnects while the server lives.
  const admin = connect(() => (alive() ? 100 : null));
  await admin.connect();
  const signal = async (name: NodeJS.Signals, graceMs: number): Promise<void> => {
    admin.disconnect();
    if (!alive()) return;
    child.kill(name);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    port,
    address,
    child,
    logFile,
    admin,
    kill: () => signal('SIGKILL', 0),
    stop: () => signal('SIGTERM', 5000),
  };
}

/** The last `chars` of each server's log, to append to an error that needs explaining. */
export async function logTails(servers: readonly RedisProcess[], chars = 1500): Promise<string> {
  const tails = await Promise.all(
    servers.map(async (server) => {
      const log = await readFile(server.logFile, 'utf8').catch(() => '(no log)');
      return `--- ${server.address}\n${log.slice(-chars)}`;
    }),
  );
  return tails.join('\n');
}

/** Fields of an INFO section or CLUSTER INFO reply, `name:value` per line. */
export function infoFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}

/** For `waitFor`: a check that throws (a server still booting or just killed) is "not yet". */
export function notYetOnError<T>(
  check: () => Promise<T | undefined>,
): () => Promise<T | undefined> {
  return () => check().catch(() => undefined);
}
