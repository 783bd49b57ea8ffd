import { describe, expect, it } from 'vitest';
import { createMetricsRegistry, observeRequests } from '../../../src/metrics/index.js';

/** The value of one series in Prometheus text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createMetricsRegistry', () => {
  it('records requests, 429s and durations through the typed helpers', async () => {
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    metrics.observeRequest('offerslook', 'offers.get', 200, 120);
    metrics.observeRequest('offerslook', 'offers.get', 200, 80);
    metrics.observeRequest('offerslook', 'offers.get', 429, 5);
    const hook = observeRequests(metrics, 'offerit');
    hook({ operation: 'offer.get_details', status: undefined, durationMs: 15_000 });
    const text = await metrics.text();
    expect(
      sample(
        text,
        'offer_sync_api_requests_total{network="offerslook",operation="offers.get",status="200"}',
      ),
    ).toBe(2);
    expect(
      sample(
        text,
        'offer_sync_api_requests_total{network="offerslook",operation="offers.get",status="429"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'offer_sync_api_requests_total{network="offerit",operation="offer.get_details",status="none"}',
      ),
    ).toBe(1);
    expect(sample(text, 'offer_sync_api_rate_limited_total{network="offerslook"}')).toBe(1);
    expect(sample(text, 'offer_sync_api_rate_limited_total{network="offerit"}')).toBeUndefined();
    expect(
      sample(
        text,
        'offer_sync_api_request_duration_seconds_sum{network="offerslook",operation="offers.get"}',
      ),
    ).toBeCloseTo(0.205);
    expect(
      sample(
        text,
        'offer_sync_api_request_duration_seconds_bucket{le="0.1",network="offerslook",operation="offers.get"}',
      ),
    ).toBe(2);
  });

  it('records limiter waits, sync lag, drift, reconcile writes and webhooks', async () => {
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    metrics.observeLimiterWait('offerslook', 2500);
    metrics.observeSyncLag('sync-offerslook', 1500);
    metrics.observeSyncLag('sync-offerslook', -20);
    metrics.countDrift('offerit.offer->offerslook.offer', 3);
    metrics.countDrift('offerit.offer->offerslook.offer');
    metrics.countReconcileWrites('offerit.offer->offerslook.offer', 2);
    metrics.countWebhook('offerit', 'accepted');
    const text = await metrics.text();
    expect(
      sample(text, 'offer_sync_limiter_wait_seconds_sum{network="offerslook",class="live"}'),
    ).toBe(2.5);
    expect(sample(text, 'offer_sync_sync_lag_seconds_sum{queue="sync-offerslook"}')).toBe(1.5);
    expect(sample(text, 'offer_sync_sync_lag_seconds_count{queue="sync-offerslook"}')).toBe(2);
    expect(
      sample(text, 'offer_sync_reconcile_drift_total{route="offerit.offer->offerslook.offer"}'),
    ).toBe(4);
    expect(
      sample(text, 'offer_sync_reconcile_writes_total{route="offerit.offer->offerslook.offer"}'),
    ).toBe(2);
    expect(sample(text, 'offer_sync_webhooks_total{network="offerit",outcome="accepted"}')).toBe(1);
  });

  it('keeps registries apart and includes process metrics by default', async () => {
    const first = createMetricsRegistry();
    const second = createMetricsRegistry();
    first.countDrift('r');
    expect(await first.text()).toMatch(/^process_cpu_user_seconds_total /m);
    expect(
      sample(await second.text(), 'offer_sync_reconcile_drift_total{route="r"}'),
    ).toBeUndefined();
  });

  it('reports job counts per queue and marks a queue that does not answer', async () => {
    const metrics = createMetricsRegistry({ defaultMetrics: false, jobCounts: { timeoutMs: 50 } });
    metrics.trackQueues([
      { name: 'sync-offerit', getJobCounts: () => Promise.resolve({ waiting: 3, failed: 1 }) },
      { name: 'reconcile', getJobCounts: () => new Promise(() => {}) },
    ]);
    const text = await metrics.text();
    expect(sample(text, 'offer_sync_jobs{queue="sync-offerit",state="waiting"}')).toBe(3);
    expect(sample(text, 'offer_sync_jobs{queue="sync-offerit",state="failed"}')).toBe(1);
    expect(text).not.toMatch(/offer_sync_jobs\{queue="reconcile"/);
    expect(sample(text, 'offer_sync_job_counts_unavailable{queue="reconcile"}')).toBe(1);
    expect(sample(text, 'offer_sync_job_counts_unavailable{queue="sync-offerit"}')).toBe(0);
  });
});
