// Finds a real Redis for the test run, in the order the project promises:
// REDIS_URL when set, else a private redis-server from PATH on a free port, else a
// testcontainers Redis when a Docker engine is reachable, else a clear failure.
// Never a mock: BullMQ's Lua scripts and our limiter need the real thing.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  /** How this Redis was obtained, printed once per run so nobody wonders what the tests hit. */
  description: string;
  stop(): Promise<void>;
}

export async function acquireTestRedis(env: NodeJS.ProcessEnv = process.env): Promise<TestRedis> {
  if (env.REDIS_URL) {
    const version = await pingVersion(env.REDIS_URL);
    return {
      url: env.REDIS_URL,
      description: `REDIS_URL=${redactUrl(env.REDIS_URL)} (Redis ${version})`,
      stop: async () => {},
    };
  }
  const binary = await findOnPath('redis-server');
  if (binary) return startPrivateRedis(binary);
  const missing = ['REDIS_URL is not set', 'no redis-server on PATH'];
  try {
    return await startContainerRedis();
  } catch (error) {
    missing.push(`testcontainers could not start Redis (${(error as Error).message.split('\n')[0]})`);
  }
  throw new Error(
    `No Redis for the tests: ${missing.join('; ')}. ` +
      'Set REDIS_URL=redis://host:port, install redis-server (apt-get install -y redis-server), or start a Docker engine.',
  );
}

async function startPrivateRedis(binary: string): Promise<TestRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'offer-sync-redis-'));
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
      '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const version = await waitForRedis(url, child);
  return {
    url,
    description: `private redis-server ${version} from ${binary} at ${url} (REDIS_URL unset)`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function startContainerRedis(): Promise<TestRedis> {
  const { RedisContainer } = await import('@testcontainers/redis');
  const container = await new RedisContainer('redis:7-alpine').start();
  const url = container.getConnectionUrl();
  const version = await pingVersion(url);
  return {
    url,
    description: `testcontainers redis:7-alpine (Redis ${version}) at ${url} (REDIS_URL unset, no redis-server on PATH)`,
    stop: async () => {
      await container.stop();
    },
  };
}

async function waitForRedis(url: string, child: ChildProcess): Promise<string> {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await pingVersion(url);
    } catch (error) {
      if (exited) throw new Error(`redis-server exited before answering at ${url}`);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function pingVersion(url: string): Promise<string> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Connection refusals while redis-server boots are expected; they surface through connect().
  client.on('error', () => {});
  try {
    await client.connect();
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    client.disconnect();
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  const { access, constants } = await import('node:fs/promises');
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
