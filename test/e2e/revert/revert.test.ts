// `offer-sync revert <run-id>` as an operator runs it: a child process against the sandbox
// servers and Redis a reconcile harness uses. A run that updated ten offers is reverted: the dry
// run sends only GETs, the live one restores all ten on the sandbox, and the next reconciliation
// in either direction writes nothing. A second run is reverted after one of its fields was
// edited on the target since: that field is refused and named, the other nine are restored.
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevertReport } from '../../../src/sync/revert/index.js';
import type { ReconcileReport } from '../../../src/sync/reconcile/index.js';
import { runCli } from '../../helpers/cli.js';
import { redisScope } from '../../helpers/redis.js';
import { buildNetwork, FIRST_OFFERIT_OFFER } from '../reconcile/network-fixtures.js';
import { startHarness, type Harness } from '../reconcile/reconcile-harness.js';

const TIMEOUT = 180_000;
const network = buildNetwork({ offeritOffers: 40, goalEvery: 3, commissionEvery: 3 });
/** Offerit offers priced per conversion (`cpa`): every third from the first. */
const cpaOffer = (n: number) => String(FIRST_OFFERIT_OFFER + 3 * n);

describe('offer-sync revert <run-id>', () => {
  const scope = redisScope('revert');
  let harness: Harness;
  const forward = () => harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
  const revert = (args: string[]) => runCli(['revert', ...args], harness.env, TIMEOUT);
  const twinOf = (item: { targetId?: string }) =>
    harness.offerslook.state.store.offers.get(Number(item.targetId!.split(':')[1]))!;

  /** Raises the payout of ten cpa offers on Offerit and reconciles: the run's report. */
  async function runUpdatingTen(step: string): Promise<ReconcileReport> {
    // Offerslook stamps its update times in whole seconds. An earlier revert's write stamped in
    // the second of the last Offerit observation would leave the two edits unorderable (and
    // newest-wins sends those to manual, as it should). A second later, one unchanged run
    // observes Offerit again, so the source edits below are plainly the newer ones.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await forward()).toMatchObject({ status: 'done', updated: 0, failed: 0 });
    for (let n = 0; n < 10; n += 1) {
      const offer = harness.offerit.state.offers.get(cpaOffer(n))!;
      offer.fields.flat_amount_per_conversion = new Decimal(
        String(offer.fields.flat_amount_per_conversion),
      )
        .plus(step)
        .toFixed(2);
    }
    const report = await forward();
    expect(report).toMatchObject({ status: 'done', updated: 10, failed: 0 });
    return report;
  }

  beforeAll(async () => {
    harness = await startHarness({ network, redisUrl: scope.url, prefix: scope.prefix });
    const first = await forward();
    expect(first).toMatchObject({ status: 'done', failed: 0 });
  }, TIMEOUT);
  afterAll(async () => {
    await harness?.stop();
    await scope.cleanup();
  });

  it(
    'restores all ten offers a run updated; the dry run first sends only GET requests',
    async () => {
      const run = await runUpdatingTen('0.25');
      const updates = run.items.filter((item) => item.action === 'update');
      expect(updates).toHaveLength(10);
      const before = new Map(updates.map((item) => [item.targetId!, item.changes.payout!.from]));
      for (const item of updates) {
        expect(
          new Decimal(String(twinOf(item).payout)).equals(String(item.changes.payout!.to)),
        ).toBe(true);
      }

      harness.clearLogs();
      const dry = await revert([run.runId, '--dry-run', '--json']);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      const planned = JSON.parse(dry.stdout) as RevertReport;
      expect(planned).toMatchObject({
        dryRun: true,
        restored: 10,
        refused: 0,
        failed: 0,
        writes: 0,
      });
      expect(planned.entities.every((entity) => entity.outcome === 'planned')).toBe(true);
      expect(harness.writes()).toEqual([]);
      for (const item of updates) {
        expect(
          new Decimal(String(twinOf(item).payout)).equals(String(item.changes.payout!.to)),
        ).toBe(true);
      }

      const live = await revert([run.runId]);
      expect(live.code).toBe(0);
      expect(live.stdout).toMatch(/^plan: revert of run .* 10 restored, 0 refused/m);
      expect(live.stdout).toMatch(
        /10 restored, 0 refused, 0 already back, 0 failed, 0 skipped, 10 writes$/m,
      );
      expect(harness.writes()).toHaveLength(10);
      for (const item of updates) {
        expect(
          new Decimal(String(twinOf(item).payout)).equals(String(before.get(item.targetId!))),
        ).toBe(true);
      }

      // The revert stays: neither direction's next run writes the run's values back.
      harness.clearLogs();
      expect(await forward()).toMatchObject({ status: 'done', updated: 0, writes: 0, failed: 0 });
      const back = await harness.reconcile({ from: 'offerslook', to: 'offerit', dryRun: false });
      expect(back).toMatchObject({ status: 'done', updated: 0, writes: 0, failed: 0 });
      expect(harness.writes()).toEqual([]);
      // A second revert of the same run finds every field already back and writes nothing.
      const again = await revert([run.runId, '--json']);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ restored: 0, already: 10, writes: 0 });
      expect(harness.writes()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'refuses a field changed on the target since the run, names it, and restores the rest',
    async () => {
      const run = await runUpdatingTen('0.50');
      const updates = run.items.filter((item) => item.action === 'update');
      const edited = updates[3]!;
      const { key } = { key: { kind: 'offer' as const, id: edited.targetId!.split(':')[1]! } };
      await harness.pair.clients.offerslook.update(key, { payout: '9.99' });

      harness.clearLogs();
      const result = await revert([run.runId, '--json']);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as RevertReport;
      expect(report).toMatchObject({ restored: 9, refused: 1, failed: 0, writes: 9 });
      const refused = report.entities.find((entity) => entity.targetId === edited.targetId)!;
      expect(refused.outcome).toBe('refused');
      expect(refused.fields).toEqual([
        expect.objectContaining({
          field: 'payout',
          verdict: 'refuse',
          reason: expect.stringMatching(/^changed since: now "9\.99", run wrote "?[\d.]+"?$/),
        }),
      ]);
      expect(harness.writes()).toHaveLength(9);
      expect(twinOf(edited).payout).toMatch(/^9\.99?0*$/);
      for (const item of updates.filter((candidate) => candidate !== edited)) {
        expect(
          new Decimal(String(twinOf(item).payout)).equals(String(item.changes.payout!.from)),
        ).toBe(true);
      }

      // The table names the refused field too.
      const table = await revert([run.runId, '--dry-run']);
      expect(table.code).toBe(1);
      expect(table.stdout).toMatch(
        new RegExp(
          `refused +offer ${edited.sourceId} -> ${edited.targetId}\\n  payout: refused: changed since: now "9\\.99"`,
        ),
      );
    },
    TIMEOUT,
  );

  it(
    'an unknown run id is a usage error (exit 2) naming the run',
    async () => {
      const result = await revert(['no-such-run']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/revert: no reconcile run "no-such-run" is kept/);
    },
    TIMEOUT,
  );
});
