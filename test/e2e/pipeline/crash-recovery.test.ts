// A worker process killed (SIGKILL) after its creates reached the targets but before it saved
// the links: BullMQ finds the jobs stalled once their locks lapse (30 s, BullMQ's default) and a
// new worker runs them again. The write intents make those retries adopt the twins instead of
// creating second ones: by the recorded key when the create's answer arrived, by the written
// fields when it never did.
import { Worker } from 'bullmq';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformName } from '../../../src/vocabulary/index.js';
import type { EntityKey } from '../../../src/vocabulary/index.js';
import { bullPrefix, syncQueueName } from '../../../src/queue/index.js';
import { startPipelineHarness, type PipelineHarness } from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { offeritOffersNamed, offerslookOffersNamed, pipelineNetwork } from './network.js';

interface Case {
  what: string;
  source: PlatformName;
  key: EntityKey;
  name: string;
  route: string;
  /** Platform writes the retry makes. @defaultValue 0 */
  retryWrites?: number;
  twins: () => string[];
}

const TO_OFFERSLOOK = 'offerit.offer->offerslook.offer';
const TO_OFFERIT = 'offerslook.offer->offerit.offer';

describe('crash between create and link', () => {
  let scope: RedisScope;
  let h: PipelineHarness;

  beforeAll(async () => {
    scope = redisScope('pipeline-crash');
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      seed: pipelineNetwork(),
      workers: false,
    });
  });
  afterAll(async () => {
    await h?.stop();
    await scope?.cleanup();
  });

  it('a worker killed mid-create leaves exactly one twin and a link per entity after the retry', async () => {
    const postedOffer = (request: FastifyRequest, name: string): boolean =>
      request.method === 'POST' &&
      (request.body as { offer?: { name?: string } } | undefined)?.offer?.name === name;
    const cases: Case[] = [
      {
        // Its base event differs from the defaults (image pixel): the create's answer arrived,
        // so the intent knows the key, but its second request (PATCH event 1) never went
        // through; the retry adopts the twin by that key and writes what is missing.
        what: 'create answered, its second request never done (the intent knows the key)',
        source: 'offerit',
        key: { kind: 'offer', id: '401' },
        name: 'VPN Annual Plan Revshare',
        route: TO_OFFERSLOOK,
        retryWrites: 1,
        twins: () => offerslookOffersNamed(h.offerslook, 'VPN Annual Plan Revshare').map(String),
      },
      {
        // Its base event differs from the defaults: the create's second request (PATCH event 1)
        // never went out, so the retry adopts the offer and writes what is missing.
        what: 'create made, its answer lost, its second request never sent (Offerslook)',
        source: 'offerit',
        key: { kind: 'offer', id: '402' },
        name: 'Casino Welcome Bonus (Hybrid)',
        route: TO_OFFERSLOOK,
        retryWrites: 1,
        twins: () =>
          offerslookOffersNamed(h.offerslook, 'Casino Welcome Bonus (Hybrid)').map(String),
      },
      {
        what: 'create made, its answer lost (Offerit)',
        source: 'offerslook',
        key: { kind: 'offer', id: '501' },
        name: 'Summer Sale VPN - US',
        route: TO_OFFERIT,
        twins: () => offeritOffersNamed(h.offerit, 'Summer Sale VPN - US'),
      },
    ];
    const held = [
      // Sample Offerslook offers are 501-503: event 1 of a higher id belongs to a new offer.
      h.hold('offerslook', (request) => {
        const id = /^\/v1\/offers\/(\d+)\/offer_events\/1(\?|$)/.exec(request.url)?.[1];
        return request.method === 'PATCH' && id !== undefined && Number(id) > 503;
      }),
      h.hold('offerslook', (request) => postedOffer(request, cases[1]!.name), 'response'),
      h.hold('offerit', (request) => request.url.startsWith('/api/offer/add_offer'), 'response'),
    ];
    const first = h.spawnWorker({ concurrency: 2 });
    await first.ready;
    const jobs = await Promise.all(cases.map((entry) => h.enqueue(entry.source, entry.key)));
    await Promise.all(held.map((hold) => hold.arrived));

    for (const entry of cases) {
      expect(entry.twins(), entry.what).toHaveLength(1);
      expect(await h.pair.links.find(entry.source, entry.key), entry.what).toBeUndefined();
    }
    expect(await h.pair.intents.get(TO_OFFERSLOOK, cases[0]!.key)).toHaveProperty('targetKey');
    expect(await h.pair.intents.get(TO_OFFERSLOOK, cases[1]!.key)).not.toHaveProperty('targetKey');
    expect(await h.pair.intents.get(TO_OFFERIT, cases[2]!.key)).not.toHaveProperty('targetKey');

    expect(await first.stop('SIGKILL')).toBe('SIGKILL');
    // The held PATCH must be seen to lose its client before it is let go: it was never sent.
    await held[0]!.clientGone;
    for (const hold of held) hold.release();
    const orphan = await h.app.queues.sync.offerslook!.getJob(jobs[0]!.jobId);
    expect(await orphan?.getState()).toBe('active'); // its lock still runs

    // BullMQ's own stalled check, run every second rather than every 30 s (the workers'
    // default), so the wait is the lapsing lock alone instead of up to two check intervals.
    const checkers = (['offerit', 'offerslook'] as const).map(
      (platform) =>
        new Worker(syncQueueName(platform), null, {
          connection: scope.connect({ forBullWorker: true }),
          prefix: bullPrefix(scope.prefix),
          autorun: false,
          stalledInterval: 1000,
        }),
    );
    const second = h.spawnWorker({ concurrency: 2 });
    let results;
    try {
      await Promise.all(checkers.map((checker) => checker.startStalledCheckTimer()));
      await second.ready;
      results = await Promise.all(
        cases.map((entry, index) => h.result(entry.source, jobs[index]!.jobId, 120_000)),
      );
    } finally {
      await Promise.all(checkers.map((checker) => checker.close()));
    }

    for (const [index, entry] of cases.entries()) {
      const twins = entry.twins();
      expect(twins, entry.what).toHaveLength(1);
      expect(results[index], entry.what).toMatchObject({
        action: 'create',
        writes: entry.retryWrites ?? 0,
        targetId: `offer:${twins[0]}`,
      });
      const link = await h.pair.links.find(entry.source, entry.key);
      expect(link?.[entry.source === 'offerit' ? 'offerslook' : 'offerit'].key, entry.what).toEqual(
        { kind: 'offer', id: twins[0] },
      );
      expect(await h.pair.intents.get(entry.route, entry.key), entry.what).toBeUndefined();
      const job = await h.app.queues.sync[
        entry.source === 'offerit' ? 'offerslook' : 'offerit'
      ]!.getJob(jobs[index]!.jobId);
      expect(job?.stalledCounter, entry.what).toBe(1);
    }

    const vpn = h.offerslook.state.store.events.get(Number(cases[0]!.twins()[0]))?.get(1);
    expect(vpn).toMatchObject({ conversion_protocol: 1 });
    const casino = h.offerslook.state.store.events.get(Number(cases[1]!.twins()[0]))?.get(1);
    expect(casino).toMatchObject({ conversion_protocol: 3, approve_conversions: 1 });

    // The pairs are in step: nothing to write either way.
    await h.startWorkers();
    for (const entry of cases) {
      expect((await h.sync(entry.source, entry.key)).writes, entry.what).toBe(0);
    }
  }, 150_000);
});
