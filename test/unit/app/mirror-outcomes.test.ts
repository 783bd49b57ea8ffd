// The demo's closing lines: every outcome that needs a person, with its reason and a console URL.
import { describe, expect, it } from 'vitest';
import { formatMirrorOutcomes, type MirrorOutcomes } from '../../../src/app/mirror-outcomes.js';
import { emptyCounts, type ReconcileReport } from '../../../src/sync/reconcile/types.js';

const BASE = 'http://127.0.0.1:3000';

function run(overrides: Partial<ReconcileReport>): ReconcileReport {
  return {
    runId: '20261202T020000000Z-abcdef',
    route: 'offerslook->offerit',
    entity: 'all',
    dryRun: false,
    reason: 'cli',
    status: 'done',
    startedAt: '2026-12-02T02:00:00.000Z',
    ...emptyCounts(),
    writes: 0,
    items: [],
    itemsOmitted: 0,
    ...overrides,
  };
}

function outcomes(overrides: Partial<MirrorOutcomes>): MirrorOutcomes {
  return { runs: [], missing: [], conflicts: [], deadLetters: [], baseUrl: BASE, ...overrides };
}

describe('formatMirrorOutcomes', () => {
  it('says so in one line when nothing needs a person', () => {
    const lines = formatMirrorOutcomes(
      outcomes({
        runs: [
          run({
            created: 2,
            items: [
              { entity: 'offer', sourceId: 'offer:1', action: 'create', changes: {}, warnings: [] },
              {
                entity: 'offer',
                sourceId: 'offer:2',
                action: 'skip',
                changes: {},
                warnings: [],
                reason: 'the source entity no longer exists',
              },
            ],
          }),
        ],
      }),
    );
    expect(lines).toEqual([
      'first mirror done: offerslook->offerit 2 created, 0 updated, 0 unchanged, 0 skipped, 0 failed',
      'nothing needs a person: every entity is mirrored',
    ]);
  });

  it('lists failures (with their dead letter), skips, lossy fields, conflicts and other dead letters', () => {
    const letter = (id: string, entityId: string) => ({
      id,
      queue: 'sync-offerit',
      jobId: id.replace('sync-offerit-', ''),
      jobName: 'sync',
      connection: 'offerit',
      platform: 'offerit' as const,
      payload: {
        source: 'offerslook',
        kind: 'offer',
        id: entityId,
        reason: 'reconcile',
        requestedAt: '2026-12-02T02:00:00.000Z',
      },
      action: 'permanent' as const,
      code: 'UNMAPPABLE',
      reason: `offer ${entityId} has an unmappable revenue type`,
      attemptsMade: 1,
      rateLimitHits: 0,
      firstFailedAt: '2026-12-02T02:00:00.000Z',
      lastFailedAt: '2026-12-02T02:00:00.000Z',
      origin: 'webhook' as const,
      count: 1,
      firstSeen: '2026-12-02T02:00:00.000Z',
      lastSeen: '2026-12-02T02:00:00.000Z',
    });
    const lines = formatMirrorOutcomes(
      outcomes({
        runs: [
          run({
            failed: 1,
            skipped: 1,
            items: [
              {
                entity: 'offer',
                sourceId: 'offer:502',
                action: 'fail',
                changes: {},
                warnings: [],
                reason: 'revenue_type "RPA+RPS" has no twin [UNMAPPABLE]',
              },
              {
                entity: 'commission',
                sourceId: 'commission:501/1',
                action: 'skip',
                changes: {},
                warnings: [],
                reason: 'affiliate 201 on offerslook has no twin on offerit',
              },
              ...['offer:1', 'offer:2', 'offer:3', 'offer:4', 'offer:5'].map((sourceId) => ({
                entity: 'offer' as const,
                sourceId,
                action: 'create' as const,
                changes: {},
                warnings: ['lossy currency: Offerit offers have no currency of their own'],
              })),
            ],
          }),
        ],
        conflicts: [
          {
            pair: 'offerit+offerslook',
            conflict: {
              id: 'c0ffee',
              kind: 'offer',
              offerit: { kind: 'offer', id: '400' },
              offerslook: { kind: 'offer', id: '9000' },
              fields: { name: { offerit: 'A', offerslook: 'B' } },
              detectedAt: 0,
              lastDetectedAt: 0,
            },
          },
        ],
        deadLetters: [letter('sync-offerit-7', '502'), letter('sync-offerit-9', '777')],
      }),
    );
    const runUrl = `${BASE}/console/runs/20261202T020000000Z-abcdef`;
    expect(lines.slice(1)).toEqual([
      '5 outcomes need a person:',
      `FAIL     offerslook->offerit offerslook:offer:502: revenue_type "RPA+RPS" has no twin [UNMAPPABLE] (dead letter sync-offerit-7: fix, then offer-sync dlq replay sync-offerit-7) -> ${BASE}/console/dead-letters`,
      `SKIPPED  offerslook->offerit offerslook:commission:501/1: affiliate 201 on offerslook has no twin on offerit -> ${runUrl}`,
      `LOSSY    offerslook->offerit currency: Offerit offers have no currency of their own (5: offer:1, offer:2, offer:3, offer:4 and 1 more) -> ${runUrl}`,
      `CONFLICT offerit+offerslook offer offerit offer:400 / offerslook offer:9000: name changed on both sides (offer-sync conflicts resolve c0ffee --keep <side>) -> ${BASE}/console/conflicts`,
      `DEAD     sync-offerit job 9: offer 777 has an unmappable revenue type (offer-sync dlq replay sync-offerit-9 after the fix) -> ${BASE}/console/dead-letters`,
    ]);
  });

  it('names a route whose reconciliation never produced a run', () => {
    const lines = formatMirrorOutcomes(
      outcomes({ missing: [{ route: 'offerit->offerslook', reason: 'Redis went away' }] }),
    );
    expect(lines).toEqual([
      'first mirror done: no run finished',
      '1 outcome needs a person:',
      `FAIL     offerit->offerslook: the reconciliation did not run: Redis went away -> ${BASE}/admin/queues`,
    ]);
  });
});
