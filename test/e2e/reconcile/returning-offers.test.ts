// A returning offer, against the sandbox servers and a real Redis: its source vanishes from
// Offerit and its Offerslook twin is paused; the source comes back; the next run sets the twin
// active again, once, reporting it `reactivated` and recording it in the entity's history; the run
// after that finds nothing to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisScope } from '../../helpers/redis.js';
import { buildNetwork, FIRST_OFFERIT_OFFER } from './network-fixtures.js';
import { startHarness, type Harness } from './reconcile-harness.js';

const TIMEOUT = 120_000;
const network = buildNetwork({ offeritOffers: 9, goalEvery: 3, commissionEvery: 3 });
/** Offer 1001 has no goal and no commission change (every third offer has them, from 1000). */
const RETURNING = String(FIRST_OFFERIT_OFFER + 1);

describe('a returning offer', () => {
  const scope = redisScope('returning-offers');
  let harness: Harness;
  const forward = (dryRun = false) =>
    harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun });

  beforeAll(async () => {
    harness = await startHarness({ network, redisUrl: scope.url, prefix: scope.prefix });
    expect(await forward()).toMatchObject({ status: 'done', failed: 0 });
  }, TIMEOUT);
  afterAll(async () => {
    await harness?.stop();
    await scope.cleanup();
  });

  it(
    'gets its paused twin reactivated once when its source comes back',
    async () => {
      const link = await harness.pair.links.find('offerit', { kind: 'offer', id: RETURNING });
      const twinId = Number(link!.offerslook.key.id);
      const twin = () => harness.offerslook.state.store.offers.get(twinId)!;
      expect(twin().status).toBe('active');

      const source = harness.offerit.state.offers.get(RETURNING)!;
      harness.offerit.state.offers.delete(RETURNING);
      const gone = await forward();
      expect(gone).toMatchObject({ status: 'done', paused: 1, reactivated: 0 });
      expect(twin().status).toBe('paused');

      harness.offerit.state.offers.set(RETURNING, source);
      // A dry run plans the reactivation and writes nothing.
      harness.clearLogs();
      const planned = await forward(true);
      expect(planned).toMatchObject({ reactivated: 1, writes: 0 });
      expect(harness.writes()).toEqual([]);
      expect(twin().status).toBe('paused');

      const back = await forward();
      expect(back).toMatchObject({
        status: 'done',
        reactivated: 1,
        updated: 0,
        failed: 0,
        writes: 1,
      });
      const items = back.items.filter((item) => item.sourceId === `offer:${RETURNING}`);
      expect(items).toEqual([
        expect.objectContaining({
          action: 'reactivate',
          targetId: `offer:${twinId}`,
          changes: { status: { to: 'active' } },
          reason: expect.stringMatching(/its source came back on offerit/),
        }),
      ]);
      expect(twin().status).toBe('active');
      expect(harness.writes()).toEqual([
        expect.objectContaining({ method: 'PUT', path: `/v1/offers/${twinId}` }),
      ]);
      // Both writes the runs made by themselves are in the entity's history, newest first.
      const history = await harness.app.operator.history.list('offerit', {
        kind: 'offer',
        id: RETURNING,
      });
      expect(history.slice(0, 2)).toEqual([
        expect.objectContaining({
          action: 'reactivate',
          route: 'offerit->offerslook',
          target: `offerslook:offer:${twinId}`,
          runId: back.runId,
          jobId: null,
          changes: { status: { from: null, to: 'active' } },
        }),
        expect.objectContaining({
          action: 'pause',
          target: `offerslook:offer:${twinId}`,
          runId: gone.runId,
        }),
      ]);

      // Once: the next runs, both ways, find nothing to do.
      harness.clearLogs();
      expect(await forward()).toMatchObject({ reactivated: 0, updated: 0, paused: 0, writes: 0 });
      const reverse = await harness.reconcile({ from: 'offerslook', to: 'offerit', dryRun: false });
      expect(reverse).toMatchObject({ status: 'done', updated: 0, created: 0, writes: 0 });
      expect(harness.writes()).toEqual([]);
    },
    TIMEOUT,
  );
});
