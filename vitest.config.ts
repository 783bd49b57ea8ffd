import { configDefaults, defineConfig } from 'vitest/config';

// Tests that start their own Redis Cluster or Sentinel setup (several redis-server processes
// each) and kill masters on purpose.
const CLUSTER_SUITE = 'test/integration/redis-cluster';

/** The end-to-end suites that run a second time against the sandboxes' v1 answers. */
const BOTH_ANSWERS = ['test/e2e/pipeline/**/*.test.ts', 'test/e2e/reconcile/**/*.test.ts'];

export default defineConfig({
  test: {
    // Integration and end-to-end tests start HTTP servers, workers and child processes.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      // Everything, against sandboxes answering as the contract's version 2 says (their default).
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, `${CLUSTER_SUITE}/**`],
          globalSetup: ['test/setup/global-redis.ts'],
        },
      },
      // The whole pipeline and reconciliation again, against version 1's answers: a real network
      // may answer either way (platform-contract.md), so both must work end to end.
      {
        extends: true,
        test: {
          name: 'v1-answers',
          include: BOTH_ANSWERS,
          env: { SANDBOX_ANSWERS: 'v1' },
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
