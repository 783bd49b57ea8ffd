// Interrupted runs on a real Redis: a run left `running` by a process that died (its lease
// lapsed) is marked `interrupted` when the next run of its route starts; a run whose process
// still renews its lease, and a stale run of another route, are left alone.
import { afterAll, describe, expect, it } from 'vitest';
import { RedisRunStore, newRunId } from '../../../../src/store/index.js';
import { ReportBuilder } from '../../../../src/sync/reconcile/index.js';
import { redisScope } from '../../../helpers/redis.js';

const scope = redisScope('interrupted-runs');
const redis = scope.connect();
const LEASE_MS = 200;

function running(route: string, startedAt: Date) {
  return new ReportBuilder({
    runId: newRunId(startedAt),
    route,
    entity: 'all',
    dryRun: false,
    reason: 'schedule',
    startedAt,
  }).summary('running');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('interrupted reconcile runs', () => {
  afterAll(() => scope.cleanup());

  it('marks a route’s stale running run interrupted when its next run starts', async () => {
    const store = new RedisRunStore(redis, { prefix: `{${scope.prefix}}`, leaseMs: LEASE_MS });
    const crashed = running('offerit->offerslook', new Date(Date.now() - 60_000));
    const alive = running('offerit->offerslook', new Date(Date.now() - 50_000));
    const otherRoute = running('offerslook->offerit', new Date(Date.now() - 40_000));
    expect(await store.start(crashed)).toEqual([]);
    expect(await store.start(alive)).toEqual([]);
    expect(await store.start(otherRoute)).toEqual([]);
    // The crashed run's process is gone: nothing renews its lease. The live one beats.
    for (let beat = 0; beat < 4; beat += 1) {
      await sleep(LEASE_MS / 2);
      await store.heartbeat(alive.runId);
    }

    const next = running('offerit->offerslook', new Date());
    expect(await store.start(next)).toEqual([crashed.runId]);
    expect(await store.get(crashed.runId)).toMatchObject({
      status: 'interrupted',
      errorCode: 'INTERRUPTED',
      error: expect.stringMatching(
        new RegExp(`stopped without finishing .*found by run ${next.runId}`),
      ),
    });
    expect(await store.get(alive.runId)).toMatchObject({ status: 'running' });
    // Another route's stale run waits for a run of its own route.
    expect(await store.get(otherRoute.runId)).toMatchObject({ status: 'running' });
    const reverse = running('offerslook->offerit', new Date());
    expect(await store.start(reverse)).toEqual([otherRoute.runId]);
    expect(await store.get(otherRoute.runId)).toMatchObject({ status: 'interrupted' });
    // Once marked, a run is not marked again.
    expect(await store.start(running('offerit->offerslook', new Date(Date.now() + 1)))).toEqual([]);
  });

  it('a finished run gives its lease back', async () => {
    const store = new RedisRunStore(redis, { prefix: `{${scope.prefix}}:done`, leaseMs: 60_000 });
    const startedAt = new Date();
    const builder = new ReportBuilder({
      runId: newRunId(startedAt),
      route: 'offerit->offerslook',
      entity: 'all',
      dryRun: false,
      reason: 'cli',
      startedAt,
    });
    await store.start(builder.summary('running'));
    const lease = `{${scope.prefix}}:done:reconcile:runs:${builder.summary('running').runId}:lease`;
    expect(await redis.exists(lease)).toBe(1);
    await store.finish(builder.report('done', new Date()));
    expect(await redis.exists(lease)).toBe(0);
  });
});
