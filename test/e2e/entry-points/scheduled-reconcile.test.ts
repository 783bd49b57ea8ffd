// RECONCILE_CRON with two `offer-sync start` processes on one Redis: both upsert the same job
// schedulers, so every tick of a 3-second cron runs one reconciliation per route, never two,
// whichever process's worker takes it; and the sample network is mirrored once, not twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxes, type SandboxPair } from '../../../src/sandbox/demo/start-sandboxes.js';
import type { RunSummary } from '../../../src/sync/reconcile/types.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { waitFor } from '../../helpers/wait-for.js';
import { API_TOKEN, getAuthorized, spawnService, type ServiceProcess } from './service-process.js';

const EVERY_MS = 3000;
const ROUTES = ['offerit->offerslook', 'offerslook->offerit'];
/** Ticks per route to watch. */
const TICKS = 3;

describe('RECONCILE_CRON across two service processes', () => {
  let scope: RedisScope;
  let sandboxes: SandboxPair;
  let services: ServiceProcess[] = [];

  beforeAll(async () => {
    scope = redisScope('entry-cron');
    sandboxes = await startSandboxes({ offerslookRateLimit: null });
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop('SIGKILL')));
    await sandboxes?.stop();
    await scope?.cleanup();
  }, 60_000);

  it('each tick runs one reconciliation per route, across both processes', async () => {
    const env = {
      ...sandboxes.env,
      API_TOKEN,
      REDIS_URL: scope.url,
      OFFER_SYNC_PREFIX: scope.prefix,
      HTTP_PORT: '0',
      RECONCILE_CRON: '*/3 * * * * *',
      OFFERIT_RATE_LIMIT: '100000/1s',
      OFFERSLOOK_RATE_LIMIT: '100000/1s',
      LOG_LEVEL: 'warn',
    };
    services = [spawnService(['start'], env), spawnService(['start'], env)];
    const [url] = await Promise.all(services.map((service) => service.url));

    const runs = async (): Promise<RunSummary[]> => {
      const response = await getAuthorized(url!, '/reconcile/runs');
      return ((await response.json()) as { runs: RunSummary[] }).runs;
    };
    const finished = await waitFor(
      async () => {
        const done = (await runs()).filter((run) => run.status !== 'running');
        return (
          ROUTES.every((route) => done.filter((run) => run.route === route).length >= TICKS) && done
        );
      },
      `${TICKS} scheduled runs per route`,
      90_000,
      250,
    );
    // Both still run: neither gave up its scheduler or crashed over the other's.
    expect(services.map((service) => service.child.exitCode)).toEqual([null, null]);

    for (const route of ROUTES) {
      const ofRoute = finished.filter((run) => run.route === route);
      expect(ofRoute.every((run) => run.reason === 'schedule' && run.status === 'done')).toBe(true);
      // One BullMQ job per tick of the one scheduler, named after its tick's time.
      const ticks = ofRoute.map((run) => {
        const match = /^repeat:reconcile:([a-z-]+>[a-z-]+):(\d+)$/.exec(run.jobId ?? '');
        expect(match, `job id ${run.jobId}`).not.toBeNull();
        expect(match![1]).toBe(route.replace('->', '>'));
        return Number(match![2]);
      });
      expect(new Set(ticks).size).toBe(ticks.length);
      for (const tick of ticks) expect(tick % EVERY_MS).toBe(0);
    }
    // Mirrored once: every Offerit sample offer has exactly one twin on Offerslook.
    const names = [...sandboxes.offerslook.state.store.offers.values()].map((offer) => offer.name);
    for (const offer of sandboxes.offerit.state.offers.values()) {
      expect(
        names.filter((name) => name === offer.fields.name),
        `twins of Offerit offer ${offer.offerid}`,
      ).toHaveLength(1);
    }
  }, 180_000);
});
