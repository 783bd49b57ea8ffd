import { defineConfig } from 'vitest/config';

/** The end-to-end suites that run a second time against the sandboxes' v1 answers. */
const BOTH_ANSWERS = ['test/e2e/pipeline/**/*.test.ts', 'test/e2e/reconcile/**/*.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global-redis.ts'],
    // Integration and end-to-end tests start HTTP servers, workers and child processes.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      // Everything, against sandboxes answering as the contract's version 2 says (their default).
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'] } },
      // The whole pipeline and reconciliation again, against version 1's answers: a real network
      // may answer either way (platform-contract.md), so both must work end to end.
      {
        extends: true,
        test: { name: 'v1-answers', include: BOTH_ANSWERS, env: { SANDBOX_ANSWERS: 'v1' } },
      },
    ],
  },
});
