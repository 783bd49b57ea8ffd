import { describe, expect, it } from 'vitest';
import { linkAfterSync, type SyncOutcome } from '../../../../src/sync/plan/index.js';
import { OFFERIT_KEY, OFFERSLOOK_KEY, link } from './fixtures.js';

const outcome = (overrides: Partial<SyncOutcome>): SyncOutcome => ({
  kind: 'offer',
  direction: { from: 'offerit', to: 'offerslook' },
  plan: { action: 'unchanged', written: { name: 'A' }, notes: [] },
  sourceKey: OFFERIT_KEY,
  targetKey: OFFERSLOOK_KEY,
  sourceHash: 's2',
  targetHash: 't2',
  now: 50,
  ...overrides,
});

describe('linkAfterSync', () => {
  it('after a create, records the new twin, its baseline and the echo marker', () => {
    const result = linkAfterSync(
      outcome({
        plan: { action: 'create', fields: { name: 'A' }, written: { name: 'A' } },
        sourceUpdatedAt: 7,
      }),
    );
    expect(result).toEqual({
      kind: 'offer',
      offerit: { key: OFFERIT_KEY, seenHash: 's2', updatedAt: 7, syncedAt: 50 },
      offerslook: {
        key: OFFERSLOOK_KEY,
        written: { name: 'A' },
        writtenHash: 't2',
        seenHash: 't2',
        syncedAt: 50,
      },
      version: 0,
    });
  });

  it('keeps the version it was planned with, for a conditional save', () => {
    expect(linkAfterSync(outcome({ link: { ...link(), version: 4 } })).version).toBe(4);
  });

  it('drops an echo marker once its side is seen with other content', () => {
    const before = link({ writtenHash: 's1' }, { writtenHash: 't1' });
    const after = linkAfterSync(outcome({ link: before }));
    expect(after.offerit.writtenHash).toBeUndefined();
    expect(after.offerslook.writtenHash).toBeUndefined();
    const still = linkAfterSync(
      outcome({ link: link({ writtenHash: 's2' }, { writtenHash: 't2' }) }),
    );
    expect(still.offerit.writtenHash).toBe('s2');
    expect(still.offerslook.writtenHash).toBe('t2');
  });

  it('on a manual conflict, keeps both last-seen hashes so the conflict is found again', () => {
    const before = link({ seenHash: 's1' }, { seenHash: 't1', written: { payout: '1' } });
    const after = linkAfterSync(
      outcome({
        link: before,
        plan: {
          action: 'conflict',
          unordered: [],
          fields: { payout: { offerit: '2', offerslook: '3' } },
          changes: {},
          written: { payout: '1' },
          notes: [],
        },
      }),
    );
    expect(after.offerit.seenHash).toBe('s1');
    expect(after.offerslook.seenHash).toBe('t1');
    expect(after.offerslook.written).toEqual({ payout: '1' });
  });

  it('works in the other direction too', () => {
    const after = linkAfterSync(
      outcome({
        direction: { from: 'offerslook', to: 'offerit' },
        sourceKey: OFFERSLOOK_KEY,
        targetKey: OFFERIT_KEY,
      }),
    );
    expect(after.offerslook.seenHash).toBe('s2');
    expect(after.offerit.written).toEqual({ name: 'A' });
  });
});
