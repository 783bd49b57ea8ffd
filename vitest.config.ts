import { configDefaults, defineConfig } from 'vitest/config';

// Tests that start their own Redis Cluster or Sentinel setup (several redis-server processes
// each) and kill masters on purpose.
const CLUSTER_SUITE = 'test/integration/redis-cluster';

export default defineConfig({
  test: {
    // Integration and end-to-end tests start HTTP servers, workers and child processes.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, `${CLUSTER_SUITE}/**`],
          globalSetup: ['test/setup/global-redis.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'redis-cluster',
          include: [`${CLUSTER_SUITE}/**/*.test.ts`],
          // One file at a time: vitest runs a single-worker project after the others, so its
          // redis-servers never compete with the main suite for the CPU (a starved node misses
          // its cluster-node-timeout and is failed over by mistake), and two files never run
          // two clusters at once. On a 2-core machine the main suite has one worker anyway.
          maxWorkers: 1,
        },
      },
    ],
  },
});
