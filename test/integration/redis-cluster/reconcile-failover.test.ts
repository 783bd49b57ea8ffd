// The whole pipeline on a Redis Cluster, and a master killed mid-reconcile: the app built from
// REDIS_CLUSTER_NODES reconciles a network into the Offerslook sandbox through its queues, while
// the master holding the Offerslook connection's queue is SIGKILLed. Its replica takes over;
// every sync job finishes (a run the outage stopped is simply run again, as the scheduler
// would), and no offer has two twins: creates stay idempotent across the failover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../../src/app/app.js';
import { createReconcilers } from '../../../src/app/reconcilers.js';
import { loadConfig } from '../../../src/config/index.js';
import { createLogger } from '../../../src/log/logger.js';
import { keyLayout } from '../../../src/redis/key-layout.js';
import { runReconcile, type ReconcileReport } from '../../../src/sync/reconcile/index.js';
import { buildNetwork } from '../../e2e/reconcile/network-fixtures.js';
import { startSandboxes, type Sandboxes } from '../../e2e/reconcile/reconcile-harness.js';
import { startRedisCluster, type LocalRedisCluster } from '../../helpers/redis-cluster.js';
import { waitFor } from '../../helpers/wait-for.js';

const PREFIX = 'reconcile-failover';
const OFFERS = 120;
let cluster: LocalRedisCluster;
let sandboxes: Sandboxes;
let app: App;

beforeAll(async () => {
  cluster = await startRedisCluster({ nodeTimeoutMs: 1000 });
  sandboxes = await startSandboxes({
    network: buildNetwork({ offeritOffers: OFFERS, goalEvery: 4, commissionEvery: 4 }),
    redisUrl: 'redis://unused',
    prefix: PREFIX,
    // Slow enough that the run is still going when the master dies.
    clientRateLimit: { offerslook: '40/1s' },
  });
  const { REDIS_URL: _unused, ...env } = sandboxes.env;
  const config = loadConfig({ ...env, REDIS_CLUSTER_NODES: cluster.nodeList });
  app = await openApp(config, createLogger({ level: 'silent' }));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await sandboxes?.stop();
  await cluster?.stop();
});

const offerslookOffers = () => sandboxes.offerslook.state.store.offers.size;

describe('a Redis Cluster failover in the middle of a reconciliation', () => {
  it('finishes every job and duplicates no twin', async () => {
    const reconcilers = createReconcilers(app, { worker: true, workerConcurrency: 8 });
    const route = (await reconcilers('offerit', 'offerslook'))!;
    const before = offerslookOffers();
    const request = {
      from: route.from,
      to: route.to,
      entity: 'all' as const,
      dryRun: false,
    };
    const running = runReconcile(request, route.deps);
    // Once a third of the offers are across, kill the master holding the target queue.
    await waitFor(
      () => offerslookOffers() - before >= OFFERS / 3 || undefined,
      'a third of the offers mirrored',
      60_000,
    );
    const queueKey = `${keyLayout(PREFIX).connection('offerslook')}:sync-offerslook:meta`;
    const failover = await cluster.killMaster(await cluster.masterOf(queueKey));
    const first: ReconcileReport = await running;
    const runs = [first];
    // A run the outage stopped is run again, as the scheduler (or the operator) would.
    while (runs.at(-1)!.status === 'aborted' && runs.length < 4)
      runs.push(await runReconcile(request, route.deps));
    const last = runs.at(-1)!;
    console.log(
      `[reconcile-failover] ${failover.killed.port} -> ${failover.promoted.port} in ${failover.tookMs} ms; ` +
        `runs ${runs.map((run) => `${run.status} created=${run.created} failed=${run.failed}`).join(' | ')}`,
    );
    expect(last.status).toBe('done');

    // Every entity ends up synced: a last run finds nothing to create and nothing failing.
    const settled = await runReconcile(request, route.deps);
    expect(settled).toMatchObject({ status: 'done', created: 0, failed: 0 });
    // Exactly one twin per Offerit offer, whatever the failover interrupted.
    expect(offerslookOffers() - before).toBe(OFFERS);
    const names = [...sandboxes.offerslook.state.store.offers.values()].map((offer) => offer.name);
    expect(new Set(names).size).toBe(names.length);
    // No sync job was left behind on the target queue.
    const counts = await app.queues.sync.offerslook!.getJobCounts('active', 'wait', 'failed');
    expect(counts).toEqual({ active: 0, wait: 0, failed: 0 });
  }, 240_000);
});
