// Counting a run without keeping the network in memory.
import { describe, expect, it } from 'vitest';
import { ReportBuilder, type ReconcileItem } from '../../../../src/sync/reconcile/index.js';

const start = {
  runId: '20250102T030405678Z-abcdef',
  route: 'offerit->offerslook',
  entity: 'all' as const,
  dryRun: false,
  reason: 'cli' as const,
  startedAt: new Date('2025-01-02T03:04:05.678Z'),
};
const item = (action: ReconcileItem['action'], n: number): ReconcileItem => ({
  entity: 'offer',
  sourceId: `offer:${n}`,
  action,
  changes: {},
  warnings: [],
});

describe('ReportBuilder', () => {
  it('counts every action under its contract name and sums the writes', () => {
    const builder = new ReportBuilder(start);
    const actions = ['create', 'create', 'update', 'unchanged', 'skip', 'fail', 'pause'] as const;
    actions.forEach((action, n) => builder.add(item(action, n), action === 'unchanged' ? 0 : 1));
    const report = builder.report('done', new Date('2025-01-02T03:05:00Z'));
    expect(report).toMatchObject({
      runId: start.runId,
      route: 'offerit->offerslook',
      status: 'done',
      created: 2,
      updated: 1,
      unchanged: 1,
      skipped: 1,
      failed: 1,
      paused: 1,
      writes: 6,
      startedAt: '2025-01-02T03:04:05.678Z',
      finishedAt: '2025-01-02T03:05:00.000Z',
    });
    expect(report.items.map((kept) => kept.action)).toEqual([
      'create',
      'create',
      'update',
      'skip',
      'fail',
      'pause',
    ]);
    expect(report.itemsOmitted).toBe(1);
  });

  it('keeps items only up to its cap, counting the rest', () => {
    const builder = new ReportBuilder(start, 3);
    for (let n = 0; n < 10; n += 1) builder.add(item('update', n));
    const report = builder.report('done', new Date());
    expect(report.items.map((kept) => kept.sourceId)).toEqual(['offer:0', 'offer:1', 'offer:2']);
    expect(report.itemsOmitted).toBe(7);
    expect(report.updated).toBe(10);
  });

  it('hands out copies of its counts and records why a run stopped', () => {
    const builder = new ReportBuilder({ ...start, jobId: '42' });
    const counts = builder.counts;
    counts.created = 99;
    expect(builder.counts.created).toBe(0);
    expect(builder.summary('aborted', new Date(), 'stream failed')).toMatchObject({
      jobId: '42',
      status: 'aborted',
      error: 'stream failed',
    });
    expect(builder.summary('running')).not.toHaveProperty('finishedAt');
  });
});
