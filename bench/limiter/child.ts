// One hammering process: own Redis connections, own limiter instances. Prints `ready`, waits
// for `go` on stdin (so every process starts together), hammers, prints its grants as JSON.
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { createRateLimiter, type RequestClass } from '../../src/queue/limiter/index.js';
import { hammerGrants } from './hammer.js';

const env = process.env;
const max = Number(env.LIMITER_MAX);
const windowMs = Number(env.LIMITER_WINDOW_MS);
const connections = Array.from(
  { length: Number(env.LIMITER_CONNECTIONS ?? 2) },
  () => new Redis(env.REDIS_URL!),
);
const limiters = connections.map((redis) =>
  createRateLimiter(
    redis,
    env.LIMITER_PREFIX!,
    { offerslook: { max, durationMs: windowMs } },
    {
      ...(env.LIMITER_SHARE ? { reconcileShare: Number(env.LIMITER_SHARE) } : {}),
      ...(env.LIMITER_WAITER_TTL_MS ? { waiterTtlMs: Number(env.LIMITER_WAITER_TTL_MS) } : {}),
      ...(env.LIMITER_LIVE_LINGER_MS ? { liveLingerMs: Number(env.LIMITER_LIVE_LINGER_MS) } : {}),
    },
  ),
);
await Promise.all(connections.map((redis) => redis.ping()));
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
const grants = await hammerGrants(limiters, {
  network: 'offerslook',
  concurrency: Number(env.LIMITER_CONCURRENCY ?? 4),
  durationMs: Number(env.LIMITER_DURATION_MS),
  requestClass: (env.LIMITER_CLASS ?? 'live') as RequestClass,
});
process.stdout.write(`${JSON.stringify({ grants })}\n`);
await Promise.all(connections.map((redis) => redis.quit()));
process.exit(0);
