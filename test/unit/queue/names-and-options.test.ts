import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  DEFAULT_RETRY_POLICY,
  bullPrefix,
  connectionOptions,
  deadLetterId,
  deadLetterQueueName,
  connectionOfSyncQueue,
  reconcileDedupeId,
  resolveRetention,
  resolveRetryPolicy,
  retentionJobOptions,
  syncDedupeId,
  syncQueueName,
} from '../../../src/queue/index.js';
import { otherPlatform } from '../../../src/vocabulary/index.js';

describe('queue names and keys', () => {
  it('names one sync queue and one DLQ per platform', () => {
    expect(syncQueueName('offerit')).toBe('sync-offerit');
    expect(deadLetterQueueName('offerslook')).toBe('dlq-offerslook');
    expect(connectionOfSyncQueue('sync-offerslook')).toBe('offerslook');
    expect(connectionOfSyncQueue('sync-partner-a')).toBe('partner-a');
    expect(connectionOfSyncQueue('reconcile')).toBeUndefined();
    expect(otherPlatform('offerit')).toBe('offerslook');
    expect(otherPlatform('offerslook')).toBe('offerit');
  });

  it('wraps the prefix in a Redis Cluster hash tag, once', () => {
    expect(bullPrefix('offer-sync')).toBe('{offer-sync}');
    expect(bullPrefix('{offer-sync}')).toBe('{offer-sync}');
  });

  it('keys deduplication by route and entity', () => {
    expect(syncDedupeId('offerit', 'offerslook', { kind: 'goal', id: '48', offerId: '400' })).toBe(
      'offerit>offerslook:goal:400/48',
    );
    expect(syncDedupeId('offerslook', 'offerit', { kind: 'offer', id: '400' })).not.toBe(
      syncDedupeId('offerit', 'offerslook', { kind: 'offer', id: '400' }),
    );
    expect(
      reconcileDedupeId({ from: 'offerit', to: 'offerslook', entity: 'all', dryRun: false }),
    ).toBe('reconcile:offerit>offerslook:all:live');
    expect(deadLetterId('sync-offerit', '17')).not.toContain(':');
  });
});

describe('policy and retention defaults', () => {
  it('bounds attempts (8) and rate-limit retries, and validates overrides', () => {
    expect(DEFAULT_RETRY_POLICY.attempts).toBe(8);
    expect(resolveRetryPolicy({ attempts: 3 }).attempts).toBe(3);
    expect(() => resolveRetryPolicy({ attempts: 0 })).toThrow(/attempts/);
    expect(() => resolveRetryPolicy({ baseDelayMs: 10, maxDelayMs: 5 })).toThrow(/exceeds/);
  });

  it('keeps finished jobs by age and count', () => {
    expect(retentionJobOptions(DEFAULT_RETENTION)).toEqual({
      removeOnComplete: { age: 86_400, count: 1000 },
      removeOnFail: { age: 604_800, count: 5000 },
    });
    expect(() => resolveRetention({ failedCount: 0 })).toThrow(/failedCount/);
  });
});

describe('connection options', () => {
  it('lets workers ride out outages and makes producers fail fast', () => {
    expect(connectionOptions('worker')).toMatchObject({
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
    });
    expect(connectionOptions('producer')).toMatchObject({
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
  });
});
