// What one sync did, as a report item.
import { describe, expect, it } from 'vitest';
import { failedItem, itemOfSync } from '../../../../src/sync/reconcile/index.js';
import type { SyncResult } from '../../../../src/sync/run/index.js';

const result = (overrides: Partial<SyncResult>): SyncResult => ({
  route: 'offerit.offer->offerslook.offer',
  entity: 'offer',
  source: 'offerit',
  sourceId: 'offer:400',
  target: 'offerslook',
  targetId: 'offer:7',
  action: 'update',
  changes: { payout: { from: '4.50', to: '4.75' } },
  warnings: ['lossy featured: no flag'],
  dryRun: false,
  writes: 1,
  ...overrides,
});

describe('itemOfSync', () => {
  it('keeps the field diffs, warnings and ids of a create or update', () => {
    expect(itemOfSync(result({}))).toEqual({
      entity: 'offer',
      sourceId: 'offer:400',
      targetId: 'offer:7',
      action: 'update',
      changes: { payout: { from: '4.50', to: '4.75' } },
      warnings: ['lossy featured: no flag'],
    });
    const { targetId: _none, ...created } = result({ action: 'create' });
    expect(itemOfSync(created)).not.toHaveProperty('targetId');
  });

  it('reports our own write seen again (echo) as unchanged', () => {
    expect(itemOfSync(result({ action: 'echo', changes: {}, writes: 0 })).action).toBe('unchanged');
  });

  it('carries the reason of a skip', () => {
    const item = itemOfSync(result({ action: 'skip', reason: 'no twin possible', changes: {} }));
    expect(item).toMatchObject({ action: 'skip', reason: 'no twin possible' });
  });

  it('turns a waiting manual conflict into a skip, or an update when other fields were written', () => {
    const waiting = result({
      action: 'conflict',
      conflictId: 'c1',
      reason: 'fields changed on both sides: name',
      writes: 0,
      changes: {},
    });
    expect(itemOfSync(waiting)).toMatchObject({
      action: 'skip',
      reason: 'conflict c1 waits: fields changed on both sides: name',
    });
    const partly = { ...waiting, writes: 1, changes: { payout: { from: '1', to: '2' } } };
    expect(itemOfSync(partly)).toMatchObject({
      action: 'update',
      warnings: [
        'lossy featured: no flag',
        'conflict c1 waits: fields changed on both sides: name',
      ],
    });
  });
});

describe('failedItem', () => {
  it('names the failure and the twin when there is one', () => {
    expect(failedItem('goal', 'goal:400/48', 'boom', 'goal:7/3')).toEqual({
      entity: 'goal',
      sourceId: 'goal:400/48',
      targetId: 'goal:7/3',
      action: 'fail',
      changes: {},
      warnings: [],
      reason: 'boom',
    });
    expect(failedItem('offer', 'offer:1', 'boom')).not.toHaveProperty('targetId');
  });
});
