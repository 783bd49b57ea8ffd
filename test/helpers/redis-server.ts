// Finds a real Redis for the test run, in the order the project promises:
// REDIS_URL when set, else a private redis-server from PATH on a free port, else a
// testcontainers Redis when a Docker engine is reachable, else a clear failure.
// Never a mock: BullMQ's Lua scripts and our limiter need the real thing.
import {
  findOnPath,
  freePort,
  redisVersionAt,
  startPrivateRedis,
} from '../../src/redis/private-redis.js';

export { freePort };

export interface TestRedis {
  url: string;
  /** How this Redis was obtained, printed once per run so nobody wonders what the tests hit. */
  description: string;
  stop(): Promise<void>;
}

export async function acquireTestRedis(env: NodeJS.ProcessEnv = process.env): Promise<TestRedis> {
  if (env.REDIS_URL) {
    const version = await redisVersionAt(env.REDIS_URL);
    return {
      url: env.REDIS_URL,
      description: `REDIS_URL=${redactUrl(env.REDIS_URL)} (Redis ${version})`,
      stop: async () => {},
    };
  }
  const missing = ['REDIS_URL is not set'];
  const binary = await findOnPath('redis-server');
  if (binary) {
    const redis = await startPrivateRedis(binary);
    return {
      url: redis.url,
      description: `private redis-server ${redis.version} from ${binary} at ${redis.url} (REDIS_URL unset)`,
      stop: () => redis.stop(),
    };
  }
  missing.push('no redis-server on PATH');
  try {
    return await startContainerRedis();
  } catch (error) {
    missing.push(
      `testcontainers could not start Redis (${(error as Error).message.split('\n')[0]})`,
    );
  }
  throw new Error(
    `No Redis for the tests: ${missing.join('; ')}. ` +
      'Set REDIS_URL=redis://host:port, install redis-server (apt-get install -y redis-server), or start a Docker engine.',
  );
}

async function startContainerRedis(): Promise<TestRedis> {
  const { RedisContainer } = await import('@testcontainers/redis');
  const container = await new RedisContainer('redis:7-alpine').start();
  const url = container.getConnectionUrl();
  const version = await redisVersionAt(url);
  return {
    url,
    description: `testcontainers redis:7-alpine (Redis ${version}) at ${url} (REDIS_URL unset, no redis-server on PATH)`,
    stop: async () => {
      await container.stop();
    },
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
