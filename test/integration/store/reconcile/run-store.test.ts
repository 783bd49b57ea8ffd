// The run store on a real Redis: runs recorded at start and end, listed newest first, only the
// last N kept (their keys deleted), and served over HTTP by the ingress.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config/index.js';
import { createIngressServer } from '../../../../src/ingress/index.js';
import { createLogger } from '../../../../src/log/logger.js';
import { createMetricsRegistry } from '../../../../src/metrics/index.js';
import { RedisRunStore, RedisWebhookReplayStore, newRunId } from '../../../../src/store/index.js';
import { ReportBuilder, type ReconcileReport } from '../../../../src/sync/reconcile/index.js';
import { redisScope } from '../../../helpers/redis.js';

const scope = redisScope('reconcile-runs');
const redis = scope.connect();

function builderAt(minute: number): ReportBuilder {
  const startedAt = new Date(Date.UTC(2025, 0, 2, 3, minute));
  return new ReportBuilder({
    runId: newRunId(startedAt),
    route: 'offerit->offerslook',
    entity: 'all',
    dryRun: false,
    reason: 'schedule',
    startedAt,
  });
}

describe('RedisRunStore', () => {
  afterAll(() => scope.cleanup());

  it('shows a run as running from its start, and its report once finished', async () => {
    const store = new RedisRunStore(redis, { prefix: `{${scope.prefix}}:a` });
    const builder = builderAt(0);
    const running = builder.summary('running');
    await store.start(running);
    expect(await store.list()).toEqual([running]);
    expect(await store.get(running.runId)).toEqual(running);

    builder.add(
      { entity: 'offer', sourceId: 'offer:1', action: 'create', changes: {}, warnings: [] },
      1,
    );
    builder.add({
      entity: 'offer',
      sourceId: 'offer:2',
      action: 'unchanged',
      changes: {},
      warnings: [],
    });
    const report = builder.report('done', new Date(Date.UTC(2025, 0, 2, 3, 1)));
    await store.finish(report);
    expect(await store.get(report.runId)).toEqual(report);
    const [listed] = await store.list();
    expect(listed).toMatchObject({ runId: report.runId, status: 'done', created: 1, unchanged: 1 });
    expect(listed).not.toHaveProperty('items');
    expect(await store.get(newRunId(new Date()))).toBeUndefined();
  });

  it('lists newest first and keeps only the last N runs, deleting the others', async () => {
    const prefix = `{${scope.prefix}}:b`;
    const store = new RedisRunStore(redis, { prefix, keep: 3 });
    const reports: ReconcileReport[] = [];
    for (const minute of [5, 1, 4, 2, 3]) {
      const report = builderAt(minute).report('done', new Date(Date.UTC(2025, 0, 2, 4)));
      reports.push(report);
      await store.finish(report);
    }
    const kept = (await store.list()).map((run) => run.startedAt);
    expect(kept).toEqual(['03:05', '03:04', '03:03'].map((hm) => `2025-01-02T${hm}:00.000Z`));
    expect(await store.list(2)).toHaveLength(2);
    const dropped = reports.filter((report) => !kept.includes(report.startedAt));
    for (const report of dropped) expect(await store.get(report.runId)).toBeUndefined();
    const keys = await redis.keys(`${prefix}:reconcile:runs:*`);
    expect(keys).toHaveLength(3);
  });

  it('is served at GET /reconcile/runs and /reconcile/runs/:id', async () => {
    const store = new RedisRunStore(redis, { prefix: `{${scope.prefix}}:c` });
    const report = builderAt(7).report('done', new Date());
    await store.finish(report);
    const token = 'run-store-test-token';
    const server = await createIngressServer({
      config: loadConfig({ API_TOKEN: token }),
      logger: createLogger({ level: 'silent' }),
      queues: [],
      enqueueSync: () => Promise.reject(new Error('not used')),
      webhookReplays: new RedisWebhookReplayStore(redis, { prefix: `{${scope.prefix}}:w` }),
      readiness: () => Promise.resolve({ ready: true, checks: {} }),
      metrics: createMetricsRegistry({ defaultMetrics: false }),
      reconcileRuns: store,
    });
    const url = await server.listen({ host: '127.0.0.1', port: 0 });
    const headers = { authorization: `Bearer ${token}` };
    try {
      expect((await fetch(`${url}/reconcile/runs?limit=5`)).status).toBe(401);
      const list = await fetch(`${url}/reconcile/runs?limit=5`, { headers });
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual({
        runs: [expect.objectContaining({ runId: report.runId })],
      });
      const one = await fetch(`${url}/reconcile/runs/${report.runId}`, { headers });
      expect(await one.json()).toEqual(report);
      const missing = await fetch(`${url}/reconcile/runs/${newRunId(new Date())}`, { headers });
      expect(missing.status).toBe(404);
      expect((await fetch(`${url}/reconcile/runs?limit=0`, { headers })).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
