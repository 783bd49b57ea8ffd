import { describe, expect, it } from 'vitest';
import { createEquals, plan, platformSecond, type Plan } from '../../../../src/sync/plan/index.js';
import { FIELDS, input, link } from './fixtures.js';

const base = { name: 'Summer', payout: '2.80', percent_payout: '5', currency: 'USD' };
/** A link whose baseline is `base` and whose hashes say both sides are as last seen. */
const quietLink = (written: Record<string, unknown> = base) =>
  link({ seenHash: 'source-now' }, { seenHash: 'target-now', written });

function expectAction<A extends Plan['action']>(
  result: Plan,
  action: A,
): Extract<Plan, { action: A }> {
  expect(result.action).toBe(action);
  return result as Extract<Plan, { action: A }>;
}

describe('plan: create', () => {
  it('creates with every mapped field except never ones, nested paths included', () => {
    const result = expectAction(
      plan(
        input({ mapped: { ...base, description: 'd', base_event: { conversion_protocol: 2 } } }),
      ),
      'create',
    );
    expect(result.fields).toEqual({ ...base, base_event: { conversion_protocol: 2 } });
    expect(result.written).toEqual(result.fields);
  });

  it('leaves out fields the mapping gave no value', () => {
    const result = expectAction(plan(input({ mapped: { name: 'Only name' } })), 'create');
    expect(result.fields).toEqual({ name: 'Only name' });
  });
});

describe('plan: unchanged and update', () => {
  it('is unchanged when the target already holds the mapped values, spelled differently', () => {
    const target = {
      id: '7',
      name: 'Summer',
      payout: '2.8',
      percent_payout: '5.00',
      currency: 'USD',
      description: 'old',
    };
    const result = expectAction(plan(input({ target, link: quietLink() })), 'unchanged');
    expect(result.notes).toEqual([]);
    expect(result.written).toEqual(base);
  });

  it('writes only the fields the source changed', () => {
    const target = { id: '7', ...base };
    const mapped = { ...base, payout: '3.10', description: 'changed but never synced' };
    const result = expectAction(
      plan(input({ mapped, target, link: quietLink(), sourceHash: 'source-new' })),
      'update',
    );
    expect(result.changes).toEqual({ payout: { from: '2.80', to: '3.10' } });
    expect(result.notes).toEqual([{ field: 'payout', winner: 'source', reason: 'source-changed' }]);
    expect(result.written).toEqual({ ...base, payout: '3.10' });
  });

  it('writes a once field only where the target has none and none was recorded', () => {
    const mapped = { ...base, currency: 'EUR' };
    const recorded = expectAction(
      plan(input({ mapped, target: { ...base }, link: quietLink(), sourceHash: 'source-new' })),
      'unchanged',
    );
    expect(recorded.notes).toEqual([{ field: 'currency', winner: 'target', reason: 'once' }]);
    expect(recorded.written.currency).toBe('USD');

    const { currency: _currency, ...withoutCurrency } = base;
    const unset = expectAction(
      plan(input({ mapped, target: withoutCurrency, link: quietLink(withoutCurrency) })),
      'update',
    );
    expect(unset.changes).toEqual({ currency: { from: undefined, to: 'EUR' } });

    const alreadySet = expectAction(
      plan(
        input({ mapped, target: { ...base, currency: 'GBP' }, link: quietLink(withoutCurrency) }),
      ),
      'unchanged',
    );
    expect(alreadySet.written.currency).toBe('GBP');

    // "Not set" is what the route's equality says it is: Offerslook's "-1" counts as empty there.
    const equals = createEquals({ empty: [undefined, null, '', '-1'] });
    const minusOne = { ...withoutCurrency, currency: '-1' };
    const filled = plan(
      input({ mapped, target: minusOne, link: quietLink(withoutCurrency), equals }),
    );
    expect(filled.action === 'update' && filled.changes).toEqual({
      currency: { from: '-1', to: 'EUR' },
    });
    expect(plan(input({ mapped, target: minusOne, link: quietLink(withoutCurrency) })).action).toBe(
      'unchanged',
    );
  });

  it('uses the equality it is given', () => {
    const equals = createEquals({ empty: [undefined, null, '', '-1'] });
    const target = { ...base, percent_payout: '-1' };
    const mapped = { ...base, percent_payout: '' };
    expect(plan(input({ mapped, target, link: quietLink(target), equals })).action).toBe(
      'unchanged',
    );
    expect(plan(input({ mapped, target, link: quietLink(target), sourceHash: 'x' })).action).toBe(
      'update',
    );
  });
});

describe('plan: who changed what', () => {
  it("respects a target-only edit and records the source's value as the baseline", () => {
    const target = { ...base, payout: '9.00' };
    const result = expectAction(
      plan(input({ target, link: quietLink(), targetHash: 'target-edited' })),
      'unchanged',
    );
    expect(result.notes).toEqual([{ field: 'payout', winner: 'target', reason: 'target-edit' }]);
    expect(result.written.payout).toBe('2.80');
  });

  const bothChanged = (overrides: Parameters<typeof input>[0] = {}) =>
    plan(
      input({
        mapped: { ...base, payout: '3.00', name: 'Summer 2' },
        target: { ...base, payout: '4.00' },
        link: quietLink(),
        sourceHash: 'source-new',
        targetHash: 'target-new',
        ...overrides,
      }),
    );

  it('lets the owner win a field changed on both sides', () => {
    const sourceOwns = FIELDS.map((f) =>
      f.target === 'payout' ? { ...f, owner: 'offerit' as const } : f,
    );
    const targetOwns = FIELDS.map((f) =>
      f.target === 'payout' ? { ...f, owner: 'offerslook' as const } : f,
    );
    const won = expectAction(
      bothChanged({ fields: sourceOwns, conflictPolicy: 'manual' }),
      'update',
    );
    expect(won.changes.payout).toEqual({ from: '4.00', to: '3.00' });
    expect(won.notes).toContainEqual({ field: 'payout', winner: 'source', reason: 'owner' });
    const lost = expectAction(
      bothChanged({ fields: targetOwns, conflictPolicy: 'manual' }),
      'update',
    );
    expect(lost.changes).toEqual({ name: { from: 'Summer', to: 'Summer 2' } });
    expect(lost.notes).toContainEqual({ field: 'payout', winner: 'target', reason: 'owner' });
  });

  it('newest-wins: the later edit wins when the two times order the edits', () => {
    const at = (ms: number) => platformSecond(ms);
    const seen = (after: number, by: number) => ({ after, by, clock: 'observed' as const });
    const targetNewer = expectAction(
      bothChanged({ sourceEdits: { payout: at(1_000) }, targetEdits: { payout: at(2_000) } }),
      'update',
    );
    expect(targetNewer.changes.payout).toBeUndefined();
    expect(targetNewer.notes).toContainEqual({
      field: 'payout',
      winner: 'target',
      reason: 'newest-wins',
      times: { source: at(1_000), target: at(2_000) },
    });
    for (const times of [
      { sourceEdits: { payout: at(2_000) }, targetEdits: { payout: at(1_000) } },
      // Observed on the source after the target's update time had passed.
      { sourceEdits: { payout: seen(2_500, 3_000) }, targetEdits: { payout: at(1_000) } },
      // The target's edit was seen before the source's update time.
      { sourceEdits: { payout: at(2_000) }, targetEdits: { payout: seen(500, 1_900) } },
    ]) {
      const result = expectAction(bothChanged(times), 'update');
      expect(result.changes.payout).toEqual({ from: '4.00', to: '3.00' });
    }
  });

  it('newest-wins never settles what the times cannot order: overlapping, equal or unknown go to manual', () => {
    const at = (ms: number) => platformSecond(ms);
    const seen = (after: number, by: number) => ({ after, by, clock: 'observed' as const });
    for (const times of [
      { sourceEdits: { payout: at(1_000) }, targetEdits: { payout: at(1_400) } },
      // Seen after the last read before 1.5 s: the update time's second (1 s..2 s) overlaps.
      { sourceEdits: { payout: seen(1_500, 3_000) }, targetEdits: { payout: at(1_000) } },
      { sourceEdits: { payout: seen(500, 3_000) }, targetEdits: { payout: at(1_000) } },
      { sourceEdits: { payout: seen(500, 3_000) }, targetEdits: { payout: seen(2_000, 4_000) } },
      { targetEdits: { payout: at(1_000) } },
      {},
    ]) {
      const result = expectAction(bothChanged(times), 'conflict');
      expect(result.fields).toEqual({ payout: { offerit: '3.00', offerslook: '4.00' } });
      expect(result.unordered).toEqual(['payout']);
      expect(result.changes).toEqual({ name: { from: 'Summer', to: 'Summer 2' } });
    }
  });

  it('manual: reports the conflict by platform and still offers the other changes', () => {
    const result = expectAction(bothChanged({ conflictPolicy: 'manual' }), 'conflict');
    expect(result.fields).toEqual({ payout: { offerit: '3.00', offerslook: '4.00' } });
    expect(result.changes).toEqual({ name: { from: 'Summer', to: 'Summer 2' } });
    expect(result.written.payout).toBe('2.80');
  });

  it('force makes the source win a manual conflict (how --keep is applied)', () => {
    const listed = expectAction(
      bothChanged({ conflictPolicy: 'manual', force: ['payout'] }),
      'update',
    );
    expect(listed.notes).toContainEqual({ field: 'payout', winner: 'source', reason: 'forced' });
    const all = expectAction(bothChanged({ conflictPolicy: 'manual', force: 'all' }), 'update');
    expect(Object.keys(all.changes).sort()).toEqual(['name', 'payout']);
  });

  it('without a baseline, falls back to the record hashes', () => {
    const target = { ...base, payout: '4.00' };
    const mapped = { ...base, payout: '3.00' };
    const noBaseline = (sourceHash: string, targetHash: string) =>
      plan(
        input({
          mapped,
          target,
          link: link({ seenHash: 'source-old' }, { seenHash: 'target-old' }),
          sourceHash,
          targetHash,
          conflictPolicy: 'manual',
        }),
      ).action;
    expect(noBaseline('source-new', 'target-old')).toBe('update');
    expect(noBaseline('source-old', 'target-new')).toBe('unchanged');
    expect(noBaseline('source-new', 'target-new')).toBe('conflict');
  });

  it('with a twin found but no link (retry after a crash), the source wins', () => {
    const result = expectAction(
      plan(input({ target: { ...base, payout: '1' }, conflictPolicy: 'manual' })),
      'update',
    );
    expect(result.changes).toEqual({ payout: { from: '1', to: '2.80' } });
  });
});

describe('plan: echo', () => {
  it('is an echo when the source reads as we last wrote it, whatever the target says', () => {
    const echoLink = link(
      { seenHash: 'a', writtenHash: 'source-now' },
      { seenHash: 'b', written: base },
    );
    expect(plan(input({ link: echoLink, target: { ...base, payout: '100' } })).action).toBe('echo');
    expect(plan(input({ link: echoLink })).action).toBe('echo');
  });

  it('refreshes the baseline of fields found equal while staying silent', () => {
    const echoLink = link({ writtenHash: 'source-now' }, { written: { ...base, name: 'Old' } });
    const result = expectAction(
      plan(input({ link: echoLink, target: { ...base, payout: '100' } })),
      'echo',
    );
    expect(result.written).toEqual({ ...base, name: 'Summer' });
  });

  it('is not an echo when the source differs from what we wrote', () => {
    const notEcho = link({ writtenHash: 'what-we-wrote' }, { written: base });
    expect(plan(input({ link: notEcho, target: base })).action).toBe('unchanged');
  });
});
