// /healthz, /readyz and /metrics over real HTTP; jobs-by-state read from real BullMQ queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisScope } from '../../helpers/redis.js';
import { BEARER, startIngress, type IngressFixture } from './ingress-fixture.js';

const scope = redisScope('ingress-probes');
let ingress: IngressFixture;
let report = { ready: true, checks: { redis: 'ok' } as Record<string, string> };

beforeAll(async () => {
  ingress = await startIngress(scope, { readiness: () => Promise.resolve(report) });
});
afterAll(async () => {
  await ingress.close();
  await scope.cleanup();
});

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('probes over HTTP', () => {
  it('healthz answers 200 while the process runs', async () => {
    const response = await fetch(`${ingress.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('readyz follows the readiness check, 200 then 503 with the checks', async () => {
    const ready = await fetch(`${ingress.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { redis: 'ok' } });
    report = { ready: false, checks: { redis: 'ok', offerslook: 'AUTH: bad API key' } };
    const notReady = await fetch(`${ingress.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual(report);
  });

  it('metrics exposes every named series and live job counts by queue and state', async () => {
    await ingress.queues['sync-offerslook'].add('sync', { kind: 'offer', id: '1' });
    await ingress.queues['sync-offerslook'].add('sync', { kind: 'offer', id: '2' });
    await ingress.queues.reconcile.add('reconcile', { entity: 'all' }, { delay: 60_000 });
    ingress.metrics.observeRequest('offerslook', 'offers.list', 429, 12);
    ingress.metrics.observeLimiterWait('offerslook', 300);
    ingress.metrics.observeSyncLag('sync-offerslook', 900);
    ingress.metrics.countDrift('offerit.offer->offerslook.offer', 2);
    ingress.metrics.countReconcileWrites('offerit.offer->offerslook.offer');

    const response = await fetch(`${ingress.url}/metrics`, { headers: BEARER });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of [
      'offer_sync_jobs',
      'offer_sync_api_requests_total',
      'offer_sync_api_request_duration_seconds',
      'offer_sync_api_rate_limited_total',
      'offer_sync_limiter_wait_seconds',
      'offer_sync_sync_lag_seconds',
      'offer_sync_reconcile_drift_total',
      'offer_sync_reconcile_writes_total',
      'process_resident_memory_bytes',
    ]) {
      expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
    expect(sample(text, 'offer_sync_jobs{queue="sync-offerslook",state="waiting"}')).toBe(2);
    expect(sample(text, 'offer_sync_jobs{queue="reconcile",state="delayed"}')).toBe(1);
    expect(sample(text, 'offer_sync_jobs{queue="sync-offerit",state="waiting"}')).toBe(0);
    expect(sample(text, 'offer_sync_jobs{queue="dlq-offerit",state="failed"}')).toBe(0);
    expect(sample(text, 'offer_sync_api_rate_limited_total{network="offerslook"}')).toBe(1);

    // Counts are read at scrape time, not cached.
    await ingress.queues['sync-offerslook'].drain();
    const after = await (await fetch(`${ingress.url}/metrics`, { headers: BEARER })).text();
    expect(sample(after, 'offer_sync_jobs{queue="sync-offerslook",state="waiting"}')).toBe(0);
  });

  it('unknown routes answer 404 in the common error shape (401 without credentials)', async () => {
    expect((await fetch(`${ingress.url}/nope?x=1`)).status).toBe(401);
    const response = await fetch(`${ingress.url}/nope?x=1`, { headers: BEARER });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route for GET /nope' },
    });
  });
});
