// A reconcile run whose process is killed mid-run is marked `interrupted` by the next run of its
// route: `offer-sync reconcile` runs as a child process against the sandbox servers, is
// SIGKILLed while its run is `running`, and a second `offer-sync reconcile` finds the lapsed
// lease, marks the first run interrupted and finishes the route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyLayout } from '../../../src/redis/key-layout.js';
import { RedisRunStore, type RunStore } from '../../../src/store/index.js';
import { runCli, spawnCli } from '../../helpers/cli.js';
import { redisScope } from '../../helpers/redis.js';
import { waitFor } from '../../helpers/wait-for.js';
import { buildNetwork } from './network-fixtures.js';
import { startSandboxes, type Sandboxes } from './reconcile-harness.js';

const TIMEOUT = 180_000;
const network = buildNetwork({ offeritOffers: 120, goalEvery: 40, commissionEvery: 40 });

describe('a reconcile run whose process is killed', () => {
  const scope = redisScope('interrupted-run');
  let sandboxes: Sandboxes;
  let runs: RunStore;
  let env: Record<string, string>;

  beforeAll(async () => {
    // A slow budget keeps the first run busy long enough to be killed mid-run.
    sandboxes = await startSandboxes({
      network,
      redisUrl: scope.url,
      prefix: scope.prefix,
      clientRateLimit: { offerslook: '20/1s' },
    });
    env = { ...sandboxes.env, RECONCILE_LEASE: '1s' };
    runs = new RedisRunStore(scope.connect(), { prefix: keyLayout(scope.prefix).global });
  });
  afterAll(async () => {
    await sandboxes?.stop();
    await scope.cleanup();
  });

  it(
    'is marked interrupted when the next run of its route starts',
    async () => {
      const child = spawnCli(['reconcile', '--from', 'offerit', '--to', 'offerslook'], env);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const first = await waitFor(
        async () => (await runs.list()).find((run) => run.status === 'running'),
        'the first run to start',
        60_000,
      );
      // Let it write something, then kill it without a chance to finish its report.
      await waitFor(
        () => sandboxes.writes().length >= 10 || undefined,
        'the first run to write',
        60_000,
      );
      child.kill('SIGKILL');
      await exited;
      expect(await runs.get(first.runId)).toMatchObject({ status: 'running' });
      // Its lease lapses (1 s without a heartbeat).
      await new Promise((resolve) => setTimeout(resolve, 1500));

      const second = await runCli(
        ['reconcile', '--from', 'offerit', '--to', 'offerslook', '--json'],
        env,
        TIMEOUT,
      );
      expect(second.code).toBe(0);
      const report = JSON.parse(second.stdout) as { runId: string; status: string };
      expect(report.status).toBe('done');
      expect(await runs.get(first.runId)).toMatchObject({
        status: 'interrupted',
        errorCode: 'INTERRUPTED',
        error: expect.stringContaining(`found by run ${report.runId}`),
      });
      expect(second.stderr).toMatch(/earlier runs of this route were interrupted/);
      // The route is complete all the same: every Offerit offer has its twin.
      expect(sandboxes.offerslook.state.store.offers.size).toBeGreaterThanOrEqual(120);
    },
    TIMEOUT,
  );
});
