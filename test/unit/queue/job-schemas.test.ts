import { describe, expect, it } from 'vitest';
import {
  JobPayloadError,
  parsePayload,
  reconcileJobSchema,
  splitTracking,
  syncJobDataSchema,
  syncJobSchema,
} from '../../../src/queue/index.js';

const offer = {
  source: 'offerslook',
  kind: 'offer',
  id: '400',
  reason: 'webhook',
  event: 'updated',
  requestedAt: '2024-05-01T10:00:00.000Z',
};

describe('sync job payload', () => {
  it('accepts references to an entity', () => {
    expect(syncJobSchema.parse(offer)).toEqual(offer);
    const goal = { ...offer, kind: 'goal', id: '48', offerId: '400', reason: 'reconcile' };
    expect(syncJobSchema.parse(goal)).toEqual(goal);
  });

  it('refuses anything but references: records and credentials cannot ride along', () => {
    expect(syncJobSchema.safeParse({ ...offer, record: { name: 'Offer' } }).success).toBe(false);
    expect(syncJobSchema.safeParse({ ...offer, apiKey: 'secret' }).success).toBe(false);
  });

  it('requires offerId exactly for goals and commissions', () => {
    expect(syncJobSchema.safeParse({ ...offer, kind: 'commission' }).success).toBe(false);
    expect(syncJobSchema.safeParse({ ...offer, offerId: '1' }).success).toBe(false);
    expect(syncJobSchema.safeParse({ ...offer, kind: 'affiliate' }).success).toBe(true);
  });

  it('refuses bad values, naming each field', () => {
    const error = (() => {
      try {
        parsePayload(
          syncJobSchema,
          { ...offer, source: 'Has Offers', id: 'a/b', reason: 'because', requestedAt: 'today' },
          'sync job',
        );
      } catch (caught) {
        return caught as JobPayloadError;
      }
      throw new Error('expected a JobPayloadError');
    })();
    expect(error).toBeInstanceOf(JobPayloadError);
    expect(error.code).toBe('INVALID_PAYLOAD');
    for (const field of ['source', 'id', 'reason', 'requestedAt'])
      expect(error.message).toContain(field);
  });

  it('takes platform ids only: digits, never "." or ".." (which would walk request paths)', () => {
    for (const id of ['.', '..', '', '1.0', 'a1', '400/48', '%2e%2e', '1'.repeat(21)]) {
      const byId = syncJobSchema.safeParse({ ...offer, id });
      expect(byId.success, id).toBe(false);
      expect(byId.error?.issues[0]).toMatchObject({
        path: ['id'],
        message: 'expected digits only (a platform id such as "400")',
      });
      const byOffer = syncJobSchema.safeParse({ ...offer, kind: 'goal', id: '48', offerId: id });
      expect(byOffer.error?.issues[0]?.path, id).toEqual(['offerId']);
    }
  });

  it('keeps queue bookkeeping apart from the payload', () => {
    const data = syncJobDataSchema.parse({ ...offer, tracking: { rateLimitHits: 2 } });
    const { payload, tracking } = splitTracking(data);
    expect(payload).toEqual(offer);
    expect(tracking).toEqual({ rateLimitHits: 2 });
    expect(splitTracking({ ...offer }).tracking).toEqual({ rateLimitHits: 0 });
  });
});

describe('reconcile job payload', () => {
  const job = { from: 'offerit', to: 'offerslook', entity: 'all', dryRun: true, reason: 'cli' };
  it('accepts a route, an entity and a dry-run flag', () => {
    expect(reconcileJobSchema.parse(job)).toEqual(job);
  });
  it('refuses a route onto itself, unknown entities and extra fields', () => {
    expect(reconcileJobSchema.safeParse({ ...job, to: 'offerit' }).success).toBe(false);
    expect(reconcileJobSchema.safeParse({ ...job, entity: 'affiliate' }).success).toBe(false);
    expect(reconcileJobSchema.safeParse({ ...job, dryRun: 'yes' }).success).toBe(false);
    expect(reconcileJobSchema.safeParse({ ...job, extra: 1 }).success).toBe(false);
  });
});
