// The CLI's output: one JSON object streamed item by item, and the readable table.
import { describe, expect, it } from 'vitest';
import {
  formatItemLine,
  formatSummaryTable,
  outputItem,
  tally,
  writeJsonReport,
  type CountsByKind,
} from '../../../../src/cli/reconcile-output/index.js';
import type { ReconcileItem, RunSummary } from '../../../../src/sync/reconcile/index.js';

const summary: RunSummary = {
  runId: '20250102T030405678Z-abcdef',
  route: 'offerit->offerslook',
  entity: 'all',
  dryRun: true,
  reason: 'cli',
  status: 'done',
  startedAt: '2025-01-02T03:04:05.000Z',
  finishedAt: '2025-01-02T03:04:07.500Z',
  created: 1,
  updated: 1,
  unchanged: 1,
  skipped: 0,
  failed: 0,
  paused: 0,
  pending: 0,
  reactivated: 0,
  writes: 0,
};
const items: ReconcileItem[] = [
  {
    entity: 'offer',
    sourceId: 'offer:400',
    action: 'create',
    changes: { name: { from: undefined, to: 'A' } },
    warnings: ['lossy featured: no flag'],
  },
  {
    entity: 'offer',
    sourceId: 'offer:401',
    targetId: 'offer:8',
    action: 'update',
    changes: { payout: { from: '4.50', to: '4.75' } },
    warnings: [],
  },
  {
    entity: 'goal',
    sourceId: 'goal:400/48',
    targetId: 'goal:8/3',
    action: 'unchanged',
    changes: {},
    warnings: [],
  },
];

async function* stream(list: ReconcileItem[]) {
  for (const item of list) yield await Promise.resolve(item);
}

async function jsonOf(list: ReconcileItem[]): Promise<Record<string, unknown>> {
  let text = '';
  await writeJsonReport((chunk) => void (text += chunk), summary, stream(list));
  return JSON.parse(text) as Record<string, unknown>;
}

describe('writeJsonReport', () => {
  it('writes one JSON object with the contract keys, counts as numbers, every item', async () => {
    const report = await jsonOf(items);
    expect(Object.keys(report).slice(0, 8)).toEqual([
      'route',
      'dryRun',
      'created',
      'updated',
      'unchanged',
      'skipped',
      'failed',
      'paused',
    ]);
    expect(report).toMatchObject({
      route: 'offerit->offerslook',
      dryRun: true,
      created: 1,
      runId: summary.runId,
    });
    expect(report.items).toEqual(items.map(outputItem));
  });

  it('is valid JSON with no items too', async () => {
    expect((await jsonOf([])).items).toEqual([]);
  });
});

describe('outputItem', () => {
  it('always has targetId and both sides of each change, null when none', () => {
    expect(outputItem(items[0]!)).toEqual({
      entity: 'offer',
      sourceId: 'offer:400',
      targetId: null,
      action: 'create',
      changes: { name: { from: null, to: 'A' } },
      warnings: ['lossy featured: no flag'],
    });
  });
});

describe('summary table', () => {
  it('lines up counts per kind with a total', () => {
    const counts: CountsByKind = new Map();
    for (const item of items) tally(counts, item);
    const lines = formatSummaryTable(summary, counts);
    expect(lines[0]).toBe('reconcile offerit->offerslook (all) — dry run, nothing written');
    expect(lines[1]).toBe(`run ${summary.runId}: done, 0 writes, 2.5 s`);
    expect(lines.slice(3)).toEqual([
      'entity  create  update  unchanged  skip  fail  pause  reactivate  pending',
      'offer        1       1          0     0     0      0           0        0',
      'goal         0       0          1     0     0      0           0        0',
      'total        1       1          1     0     0      0           0        0',
    ]);
  });

  it('shows each item with its twin, diffs, reason and warnings on one line', () => {
    expect(formatItemLine(items[1]!)).toBe(
      'update  offer:401 -> offer:8  payout: "4.50" -> "4.75"',
    );
    expect(formatItemLine(items[0]!)).toBe(
      'create  offer:400  name: (none) -> "A"; warning: lossy featured: no flag',
    );
  });
});
