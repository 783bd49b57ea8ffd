// One real Redis for the whole run; each test file then works under its own key prefix.
import type { TestProject } from 'vitest/node';
import { acquireTestRedis } from '../helpers/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await acquireTestRedis();
  console.log(`[test-redis] using ${redis.description}`);
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
