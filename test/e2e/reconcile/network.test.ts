// Full reconciliation of a 1,000-offer network (with goals and per-affiliate commission changes)
// in both directions, against the two sandbox servers, with real Redis and a real BullMQ worker:
// the first run mirrors everything, the second writes nothing, changed sources become exactly
// their updates, a vanished source gets its twin paused, a dry run sends only GETs, and failing
// items leave the rest done. The steps build on each other, so they run in order.
import { QueueEvents } from 'bullmq';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueReconcile } from '../../../src/queue/index.js';
import { startReconcileWorker } from '../../../src/app/workers.js';
import type { ReconcileItem, ReconcileReport } from '../../../src/sync/reconcile/index.js';
import { redisScope } from '../../helpers/redis.js';
import { buildNetwork, FIRST_OFFERIT_OFFER } from './network-fixtures.js';
import { startHarness, type Harness } from './reconcile-harness.js';

const RUN_TIMEOUT = 300_000;
const network = buildNetwork({
  offeritOffers: 900,
  offerslookOffers: 100,
  goalEvery: 3,
  commissionEvery: 3,
});
const offeritTotal =
  network.counts.offerit.offers + network.counts.offerit.goals + network.counts.offerit.commissions;
const offerslookTotal =
  network.counts.offerslook.offers +
  network.counts.offerslook.goals +
  network.counts.offerslook.commissions;
const everything = offeritTotal + offerslookTotal;

/** Offerit offer ids priced per conversion (`cpa`): every third from the first. */
const cpaOffer = (n: number) => String(FIRST_OFFERIT_OFFER + 3 * n);

function byAction(report: ReconcileReport, action: ReconcileItem['action']): ReconcileItem[] {
  return report.items.filter((item) => item.action === action);
}

function expectNothingWrong(report: ReconcileReport): void {
  expect(report.status).toBe('done');
  expect(report.items.filter((item) => item.action === 'fail')).toEqual([]);
}

describe('reconcile a 1,000-offer network end to end', () => {
  const scope = redisScope('reconcile-net');
  let harness: Harness;
  const offeritOffer = (id: string) => harness.offerit.state.offers.get(id)!;
  const offerslookCounts = () => {
    const store = harness.offerslook.state.store;
    let events = 0;
    for (const byId of store.events.values())
      for (const id of byId.keys()) if (id !== 1) events += 1;
    return { offers: store.offers.size, goals: events, commissions: store.payouts.size };
  };
  const offeritCounts = () => ({
    offers: harness.offerit.state.offers.size,
    goals: [...harness.offerit.state.offers.values()].reduce((sum, o) => sum + o.goals.length, 0),
    commissions: harness.offerit.state.changes.filter((change) => change.changeid !== '0').length,
  });

  beforeAll(async () => {
    harness = await startHarness({
      network,
      redisUrl: scope.url,
      prefix: scope.prefix,
      workerConcurrency: 16,
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await scope.cleanup();
  });

  it(
    'first run in each direction mirrors every offer, goal and commission',
    async () => {
      const forward = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
      expectNothingWrong(forward);
      expect(forward.created).toBe(offeritTotal);
      expect(forward.writes).toBe(offeritTotal);
      expect(offerslookCounts()).toEqual({
        offers: network.counts.offerslook.offers + network.counts.offerit.offers,
        goals: network.counts.offerslook.goals + network.counts.offerit.goals,
        commissions: network.counts.offerslook.commissions + network.counts.offerit.commissions,
      });

      const backward = await harness.reconcile({
        from: 'offerslook',
        to: 'offerit',
        dryRun: false,
      });
      expectNothingWrong(backward);
      expect(backward.created).toBe(offerslookTotal);
      // What the forward run created is recognised as the twins it already has.
      expect(backward.unchanged).toBe(offeritTotal);
      expect(offeritCounts()).toEqual({
        offers: network.counts.offerit.offers + network.counts.offerslook.offers,
        goals: network.counts.offerit.goals + network.counts.offerslook.goals,
        commissions: network.counts.offerit.commissions + network.counts.offerslook.commissions,
      });

      // A twin carries the mapped values: Offerit macros became Offerslook ones, the advertiser mapped.
      const twinOf1000 = forward.items.find((item) => item.sourceId === 'offer:1000')!;
      const twin = harness.offerslook.state.store.offers.get(
        Number(twinOf1000.targetId!.split(':')[1]),
      )!;
      expect(twin).toMatchObject({
        name: 'Offerit offer 1000',
        destination_url: 'https://landing.example.com/1000?click={click_id}',
        advertiser_id: 11,
      });
    },
    RUN_TIMEOUT,
  );

  it(
    'a second run in each direction finds everything unchanged and writes nothing',
    async () => {
      harness.clearLogs();
      for (const [from, to] of [
        ['offerit', 'offerslook'],
        ['offerslook', 'offerit'],
      ] as const) {
        const again = await harness.reconcile({ from, to, dryRun: false });
        expectNothingWrong(again);
        expect(again).toMatchObject({ created: 0, updated: 0, paused: 0, skipped: 0, failed: 0 });
        expect(again.unchanged).toBe(everything);
        expect(again.writes).toBe(0);
        expect(again.items).toEqual([]);
      }
      expect(harness.writes()).toEqual([]);
    },
    RUN_TIMEOUT,
  );

  it(
    'ten changed sources become exactly ten updates with their field diffs',
    async () => {
      const changed = new Map<string, { from: string; to: string }>();
      for (let n = 0; n < 10; n += 1) {
        const offer = offeritOffer(cpaOffer(n * 7));
        const from = String(offer.fields.flat_amount_per_conversion);
        const to = new Decimal(from).plus('0.25').toFixed(2);
        offer.fields.flat_amount_per_conversion = to;
        changed.set(`offer:${offer.offerid}`, { from, to });
      }
      harness.clearLogs();
      const report = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
      expectNothingWrong(report);
      expect(report).toMatchObject({ updated: 10, created: 0, paused: 0, writes: 10 });
      expect(report.unchanged).toBe(everything - 10);
      const updates = byAction(report, 'update');
      expect(new Set(updates.map((item) => item.sourceId))).toEqual(new Set(changed.keys()));
      for (const item of updates) {
        const expected = changed.get(item.sourceId)!;
        expect(Object.keys(item.changes)).toEqual(['payout']);
        expect(new Decimal(String(item.changes.payout!.from)).equals(expected.from)).toBe(true);
        expect(new Decimal(String(item.changes.payout!.to)).equals(expected.to)).toBe(true);
      }
      const writes = harness.writes();
      expect(writes).toHaveLength(10);
      for (const write of writes) expect(write).toMatchObject({ method: 'PUT' });

      // The reverse direction sees our own writes coming back, not changes.
      harness.clearLogs();
      const back = await harness.reconcile({ from: 'offerslook', to: 'offerit', dryRun: false });
      expectNothingWrong(back);
      expect(back).toMatchObject({ updated: 0, created: 0, writes: 0 });
      expect(harness.writes()).toEqual([]);
    },
    RUN_TIMEOUT,
  );

  it(
    'a reconcile page is an observation: an Offerit edit after it beats an older Offerslook edit',
    async () => {
      const { clients, links } = harness.pair;
      const id = cpaOffer(2);
      const twin = (await links.find('offerit', { kind: 'offer', id }))!.offerslook.key.id;
      await clients.offerslook.update(
        { kind: 'offer', id: twin },
        { name: 'Renamed on Offerslook' },
      );
      // Offerslook's update time counts whole seconds: the next read must fall in a later one.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      // This run lists Offerit and sees the offer as it was (nothing to write from Offerit).
      const seen = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
      expect(seen.writes).toBe(0);
      await clients.offerit.update({ kind: 'offer', id }, { name: 'Renamed on Offerit' });

      // Offerslook's side first: its edit is the older one, so Offerit's name stays...
      const back = await harness.reconcile({ from: 'offerslook', to: 'offerit', dryRun: false });
      expectNothingWrong(back);
      expect(offeritOffer(id).fields.name).toBe('Renamed on Offerit');
      const decided = back.items.find((item) => item.sourceId === `offer:${twin}`);
      expect(decided?.warnings.join('\n')).toMatch(
        /newest-wins name: offerit kept the later edit \(offerslook update time .*; offerit observed /,
      );
      // ...and goes across on the next run the other way.
      const there = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
      expectNothingWrong(there);
      expect(harness.offerslook.state.store.offers.get(Number(twin))?.name).toBe(
        'Renamed on Offerit',
      );
      expect(await harness.pair.conflicts.list()).toEqual([]);
    },
    RUN_TIMEOUT,
  );

  it(
    'a source that vanished gets its twin paused, once, and is not brought back from the twin',
    async () => {
      // Offer 1000 has a goal and a commission change (see the fixture builder).
      const gone = String(FIRST_OFFERIT_OFFER);
      const goalId = offeritOffer(gone).goals[0]!.offer_goal_id;
      harness.offerit.state.offers.delete(gone);
      harness.offerit.state.changes = harness.offerit.state.changes.filter(
        (change) => change.offerid !== gone,
      );
      harness.clearLogs();
      const report = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
      expectNothingWrong(report);
      const paused = byAction(report, 'pause');
      expect(paused.map((item) => item.sourceId).sort()).toEqual(
        [
          `offer:${gone}`,
          `goal:${gone}/${goalId}`,
          expect.stringMatching(`^commission:${gone}/`),
        ].sort(),
      );
      expect(report.paused).toBe(3);
      expect(report.writes).toBe(3);
      const offerTwin = paused.find((item) => item.entity === 'offer')!;
      expect(offerTwin.reason).toMatch(/vanished from offerit: paused/);
      const twinId = Number(offerTwin.targetId!.split(':')[1]);
      const store = harness.offerslook.state.store;
      expect(store.offers.get(twinId)!.status).toBe('paused');
      const goalTwin = paused.find((item) => item.entity === 'goal')!;
      expect(store.event(twinId, Number(goalTwin.targetId!.split('/')[1])).status).toBe('paused');
      const payoutTwin = paused.find((item) => item.entity === 'commission')!;
      expect(store.payout(Number(payoutTwin.targetId!.split('/')[1])).current_payout).toMatch(
        /^0(\.0+)?$/,
      );

      harness.clearLogs();
      const again = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
      expectNothingWrong(again);
      expect(again).toMatchObject({ paused: 0, writes: 0 });
      const reverse = await harness.reconcile({ from: 'offerslook', to: 'offerit', dryRun: false });
      expectNothingWrong(reverse);
      expect(reverse).toMatchObject({ created: 0, updated: 0, writes: 0 });
      expect(byAction(reverse, 'skip').map((item) => item.targetId)).toContain(`offer:${gone}`);
      expect(harness.writes()).toEqual([]);
      expect(harness.offerit.state.offers.has(gone)).toBe(false);
    },
    RUN_TIMEOUT,
  );

  it(
    'a dry run plans the exact writes and sends only GET requests; the live run then makes them',
    async () => {
      const offer = offeritOffer(cpaOffer(100));
      offer.fields.name = 'Renamed while nobody watched';
      harness.offerit.state.seed({
        offers: [
          {
            offerid: '2000',
            name: 'Brand new offer',
            url: 'https://landing.example.com/2000?click=%%click_hash%%',
            commission_type: 'cpa',
            flat_amount_per_conversion: '3.00',
            advertiserid: '2',
            advertiser_cost_type: 'conversion',
            advertiser_cost_flat: '4.00',
          },
        ],
      });
      harness.clearLogs();
      const dry = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: true });
      expectNothingWrong(dry);
      expect(dry).toMatchObject({ dryRun: true, created: 1, updated: 1, writes: 0 });
      const methods = [
        ...harness.offerit.runtime.log.entries(),
        ...harness.offerslook.runtime.log.entries(),
      ].map((entry) => entry.method);
      expect(methods.length).toBeGreaterThan(0);
      expect(new Set(methods)).toEqual(new Set(['GET']));
      const plannedUpdate = byAction(dry, 'update')[0]!;
      expect(plannedUpdate.changes).toEqual({
        name: { from: `Offerit offer ${offer.offerid}`, to: 'Renamed while nobody watched' },
      });

      const live = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
      expectNothingWrong(live);
      expect(live).toMatchObject({ created: 1, updated: 1 });
      const strip = (item: ReconcileItem) => ({ sourceId: item.sourceId, changes: item.changes });
      expect(byAction(live, 'update').map(strip)).toEqual(byAction(dry, 'update').map(strip));
      expect(byAction(live, 'create').map(strip)).toEqual(byAction(dry, 'create').map(strip));
    },
    RUN_TIMEOUT,
  );

  it(
    'items that fail are reported with their reason while every other item is still done',
    async () => {
      const broken = [cpaOffer(200), cpaOffer(201)];
      for (const id of broken) offeritOffer(id).fields.advertiserid = '9'; // not in ADVERTISER_MAP
      const fixed = [cpaOffer(202), cpaOffer(203)];
      for (const id of fixed) offeritOffer(id).fields.name = `Fixed ${id}`;
      const report = await harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun: false });
      expect(report.status).toBe('done');
      expect(report.failed).toBe(2);
      for (const item of byAction(report, 'fail')) {
        expect(broken.map((id) => `offer:${id}`)).toContain(item.sourceId);
        expect(item.reason).toMatch(/no advertiser link for offerit id "9"/);
      }
      expect(
        byAction(report, 'update')
          .map((item) => item.sourceId)
          .sort(),
      ).toEqual(fixed.map((id) => `offer:${id}`).sort());
      // The same queues as the service: the failed jobs are dead letters, ready for a replay.
      const letters = await harness.app.queues.deadLetter.offerslook!.getJobs(['waiting']);
      const lettered = letters.map((job) => (job.data as { payload: { id: string } }).payload.id);
      expect(lettered).toEqual(expect.arrayContaining(broken));
      for (const id of broken) offeritOffer(id).fields.advertiserid = '1';
    },
    RUN_TIMEOUT,
  );

  it(
    'keeps every run report, counts drift and writes in the metrics, and runs as a reconcile job',
    async () => {
      const { app } = harness;
      const runs = await app.runs.list(100);
      expect(runs.length).toBeGreaterThanOrEqual(10);
      expect(runs.map((run) => run.startedAt)).toEqual(
        [...runs.map((run) => run.startedAt)].sort().reverse(),
      );
      const latest = (await app.runs.get(runs[0]!.runId)) as ReconcileReport;
      expect(latest).toMatchObject({ status: 'done', failed: 2, route: 'offerit->offerslook' });
      expect(latest.items.filter((item) => item.action === 'fail')).toHaveLength(2);

      const metrics = await app.metrics.text();
      const value = (name: string, route: string) =>
        Number(new RegExp(`^${name}\\{route="${route}"\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
      const offerRoute = 'offerit.offer->offerslook.offer';
      expect(value('offer_sync_reconcile_writes_total', offerRoute)).toBeGreaterThanOrEqual(
        network.counts.offerit.offers + 10,
      );
      expect(value('offer_sync_reconcile_drift_total', offerRoute)).toBeGreaterThanOrEqual(
        network.counts.offerit.offers + 10,
      );

      // The pipeline's path: a reconcile job on the reconcile queue, run by the service's worker.
      await startReconcileWorker(app);
      const events = new QueueEvents('reconcile', {
        connection: scope.connect({ forBullWorker: true }),
        prefix: app.layout.global,
      });
      await events.waitUntilReady();
      try {
        const queued = await enqueueReconcile(app.queues.reconcile, {
          from: 'offerit',
          to: 'offerslook',
          entity: 'offer',
          dryRun: true,
          reason: 'schedule',
        });
        const job = (await app.queues.reconcile.getJob(queued.jobId))!;
        const result = (await job.waitUntilFinished(events, RUN_TIMEOUT)) as {
          runId: string;
          status: string;
          report: string;
        };
        expect(result).toMatchObject({ status: 'done', failed: 0 });
        expect(result.report).toBe(`/reconcile/runs/${result.runId}`);
        expect(await app.runs.get(result.runId)).toMatchObject({
          jobId: queued.jobId,
          reason: 'schedule',
          entity: 'offer',
          dryRun: true,
        });
      } finally {
        await events.close();
      }
    },
    RUN_TIMEOUT,
  );

  it(
    'refuses to pause most of a kind at once: a source listing that stopped early is not a mass deletion',
    async () => {
      // Four empty id windows in the middle: the Offerit walk (3 empty windows) stops there, so
      // every offer above looks vanished too, though it still exists.
      for (let id = 1300; id < 1700; id += 1) harness.offerit.state.offers.delete(String(id));
      harness.clearLogs();
      const report = await harness.reconcile({
        from: 'offerit',
        to: 'offerslook',
        entity: 'offer',
        dryRun: false,
      });
      expect(report).toMatchObject({ status: 'aborted', errorCode: 'VANISH_GUARD', paused: 0 });
      expect(report.error).toMatch(/linked offers vanished from offerit at once/);
      expect(harness.writes()).toEqual([]);
    },
    RUN_TIMEOUT,
  );
});
