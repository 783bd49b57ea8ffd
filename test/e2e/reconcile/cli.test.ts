// `offer-sync reconcile` as automation runs it: a child process against sandbox servers started
// here, with only environment variables to find them. Exit codes (0, 1, 2), the one JSON object
// on stdout, the table, and a dry run that sends nothing but GETs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { redisScope } from '../../helpers/redis.js';
import { buildNetwork, FIRST_OFFERIT_OFFER } from './network-fixtures.js';
import { startSandboxes, type Sandboxes } from './reconcile-harness.js';

const CLI_TIMEOUT = 120_000;
const network = buildNetwork({ offeritOffers: 30, goalEvery: 3, commissionEvery: 3 });
/** Offers 1000, 1001 and 1002 name an advertiser ADVERTISER_MAP does not know: they cannot map. */
const BROKEN = [0, 1, 2].map((n) => String(FIRST_OFFERIT_OFFER + n));
for (const offer of network.offerit.offers ?? []) {
  if (BROKEN.includes(String(offer.offerid))) offer.advertiserid = '9';
}

interface JsonReport {
  route: string;
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  paused: number;
  items: {
    entity: string;
    sourceId: string;
    targetId: string | null;
    action: string;
    changes: Record<string, { from: unknown; to: unknown }>;
    warnings: string[];
    reason?: string;
  }[];
}

describe('offer-sync reconcile (CLI)', () => {
  const scope = redisScope('reconcile-cli');
  let sandboxes: Sandboxes;
  const reconcile = (args: string[], env: Record<string, string> = sandboxes.env) =>
    runCli(['reconcile', ...args], env, CLI_TIMEOUT);
  const parse = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;

  beforeAll(async () => {
    sandboxes = await startSandboxes({ network, redisUrl: scope.url, prefix: scope.prefix });
  });
  afterAll(async () => {
    await sandboxes?.stop();
    await scope.cleanup();
  });

  it(
    '--dry-run --json prints the whole plan as one JSON object and sends only GET requests',
    async () => {
      sandboxes.clearLogs();
      const run = await reconcile([
        '--from',
        'offerit',
        '--to',
        'offerslook',
        '--dry-run',
        '--json',
      ]);
      const report = parse(run.stdout);
      const total =
        network.counts.offerit.offers +
        network.counts.offerit.goals +
        network.counts.offerit.commissions;
      expect(report).toMatchObject({ route: 'offerit->offerslook', dryRun: true, updated: 0 });
      expect(report.items).toHaveLength(total);
      for (const key of [
        'created',
        'updated',
        'unchanged',
        'skipped',
        'failed',
        'paused',
      ] as const) {
        expect(report[key]).toBe(
          report.items.filter((item) => `${item.action}` === actionOf(key)).length,
        );
      }
      expect(report.items[0]).toEqual({
        entity: 'offer',
        sourceId: expect.stringMatching(/^offer:\d+$/),
        targetId: null,
        action: expect.any(String),
        changes: expect.any(Object),
        warnings: expect.any(Array),
        ...(report.items[0]!.reason === undefined ? {} : { reason: expect.any(String) }),
      });
      const planned = report.items.find((item) => item.sourceId === 'offer:1003')!;
      expect(planned.action).toBe('create');
      expect(planned.changes.name).toEqual({ from: null, to: 'Offerit offer 1003' });
      const requests = [
        ...sandboxes.offerit.runtime.log.entries(),
        ...sandboxes.offerslook.runtime.log.entries(),
      ];
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((request) => request.method !== 'GET')).toEqual([]);
      // The broken offers fail in the plan as they would live: exit 1.
      expect(run.code).toBe(1);
    },
    CLI_TIMEOUT,
  );

  it(
    'exits 1 when items fail, with their reasons, after doing every other item',
    async () => {
      const run = await reconcile(['--from', 'offerit', '--to', 'offerslook', '--json']);
      expect(run.code).toBe(1);
      const report = parse(run.stdout);
      const failed = report.items.filter((item) => item.action === 'fail');
      const brokenOffers = failed.filter((item) => item.entity === 'offer');
      expect(brokenOffers.map((item) => item.sourceId).sort()).toEqual(
        BROKEN.map((id) => `offer:${id}`),
      );
      for (const item of brokenOffers) expect(item.reason).toMatch(/no advertiser link/);
      // Their goals and commissions fail too (no offer twin); everything else was created.
      for (const item of failed.filter((entry) => entry.entity !== 'offer')) {
        expect(item.reason).toMatch(/has no twin on offerslook/);
      }
      expect(report.created).toBe(report.items.length - report.failed);
      expect(sandboxes.offerslook.state.store.offers.size).toBe(
        network.counts.offerit.offers - BROKEN.length,
      );
    },
    CLI_TIMEOUT,
  );

  it(
    'exits 0 and prints a table once nothing fails',
    async () => {
      for (const id of BROKEN) sandboxes.offerit.state.offers.get(id)!.fields.advertiserid = '1';
      const run = await reconcile(['--from', 'offerit', '--to', 'offerslook']);
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe('reconcile offerit->offerslook (all)');
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^entity\s+create\s+update\s+unchanged\s+skip\s+fail\s+pause\s+reactivate\s+pending$/,
        ),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^offer\s+3\s+0\s+27\s+0\s+0\s+0\s+0\s+0$/),
      );
      for (const id of BROKEN) {
        expect(lines).toContainEqual(
          expect.stringMatching(new RegExp(`^create\\s+offer:${id} -> offer:\\d+`)),
        );
      }
      // Nothing else on stdout: the logs went to stderr.
      expect(run.stdout).not.toMatch(/"level"/);
    },
    CLI_TIMEOUT,
  );

  it(
    'exits 2 on usage and configuration errors, before touching anything',
    async () => {
      sandboxes.clearLogs();
      const same = await reconcile(['--from', 'offerit', '--to', 'offerit']);
      expect(same.code).toBe(2);
      expect(same.stderr).toMatch(/must be different platforms/);
      const entity = await reconcile([
        '--from',
        'offerit',
        '--to',
        'offerslook',
        '--entity',
        'offers',
      ]);
      expect(entity.code).toBe(2);
      expect(entity.stderr).toMatch(/Allowed choices are offer, goal, commission, all/);
      const missingFrom = await reconcile(['--to', 'offerslook']);
      expect(missingFrom.code).toBe(2);
      const {
        OFFERSLOOK_BASE_URL: _url,
        OFFERSLOOK_NETWORK: _network,
        OFFERSLOOK_API_KEY: _key,
        ...env
      } = sandboxes.env;
      const unconfigured = await reconcile(['--from', 'offerit', '--to', 'offerslook'], env);
      expect(unconfigured.code).toBe(2);
      expect(unconfigured.stderr).toMatch(/config error: .*offerslook/i);
      expect(unconfigured.stdout).toBe('');
      expect(sandboxes.offerit.runtime.log.entries()).toEqual([]);
      expect(sandboxes.offerslook.runtime.log.entries()).toEqual([]);
    },
    CLI_TIMEOUT,
  );
});

function actionOf(count: string): string {
  return {
    created: 'create',
    updated: 'update',
    unchanged: 'unchanged',
    skipped: 'skip',
    failed: 'fail',
    paused: 'pause',
  }[count]!;
}
