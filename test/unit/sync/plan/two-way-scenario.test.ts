// Both directions of one offer route played through the planner and linkAfterSync, with two
// in-memory "platforms" shaped like the real ones: Offerslook bumps update_time on every write,
// Offerit records carry no time at all, so its edits are ordered by what the world observed of
// it (the first read with a new value, and the read before). Proves the bookkeeping end to end:
// echoes cost nothing, local edits are respected, conflicts stick until resolved, newest-wins
// decides only what the times can order.
import { describe, expect, it } from 'vitest';
import type { PlatformName } from '../../../../src/vocabulary/index.js';
import type { EntityKey } from '../../../../src/vocabulary/index.js';
import type { Link } from '../../../../src/store/index.js';
import {
  applyChanges,
  contentHash,
  linkAfterSync,
  plan,
  type ConflictPolicy,
  type EditTime,
  type FieldPolicy,
  type Plan,
  type PlanInput,
} from '../../../../src/sync/plan/index.js';

type Rec = Record<string, unknown>;

const ROUTES: Record<PlatformName, { fields: FieldPolicy[]; map: (source: Rec) => Rec }> = {
  offerit: {
    fields: [
      { target: 'name', sync: 'always', reads: ['name'] },
      { target: 'payout', sync: 'always', reads: ['flat_amount_per_conversion'] },
      { target: 'description', sync: 'once', reads: ['offer_description'] },
    ],
    map: (s) => ({
      name: s.name,
      payout: s.flat_amount_per_conversion,
      description: s.offer_description,
    }),
  },
  offerslook: {
    fields: [
      { target: 'name', sync: 'always', reads: ['name'] },
      { target: 'flat_amount_per_conversion', sync: 'always', reads: ['payout'] },
      { target: 'offer_description', sync: 'never', reads: ['description'] },
    ],
    map: (s) => ({
      name: s.name,
      flat_amount_per_conversion: s.payout,
      offer_description: s.description,
    }),
  },
};

/** Offerit's fields as the world saw them: each value's first sighting, and the read before. */
type Seen = Record<string, { value: unknown; firstSeenAt: number; after: number }>;

class World {
  clock = 1_000;
  writes = 0;
  records: Record<PlatformName, Rec | undefined> = { offerit: undefined, offerslook: undefined };
  keys: Record<PlatformName, EntityKey | undefined> = { offerit: undefined, offerslook: undefined };
  link: Link | undefined;
  private seen: Seen = {};
  private lastSeenAt = 0;

  edit(platform: PlatformName, changes: Rec): void {
    this.clock += 1;
    this.records[platform] = {
      ...this.records[platform],
      ...changes,
      // Only Offerslook keeps an update time.
      ...(platform === 'offerslook' ? { update_time: this.clock } : {}),
    };
  }

  /** A read of Offerit (a sync, or a reconcile page listing it) records what it saw. */
  observeOfferit(): void {
    const record = this.records.offerit;
    if (!record) return;
    this.clock += 1;
    for (const [field, value] of Object.entries(record)) {
      const known = this.seen[field];
      if (!known || known.value !== value) {
        this.seen[field] = { value, firstSeenAt: this.clock, after: this.lastSeenAt };
      }
    }
    this.lastSeenAt = this.clock;
  }

  /** Edit times by target path of the route from `from`. */
  private edits(from: PlatformName): Pick<PlanInput, 'sourceEdits' | 'targetEdits'> {
    const timeOf = (platform: PlatformName, field: string): EditTime | undefined => {
      if (platform === 'offerslook') {
        const at = this.records.offerslook?.update_time as number | undefined;
        // An exact update time here (the world's clock has no seconds to round to).
        return at === undefined ? undefined : { after: at - 1, by: at, clock: 'platform' };
      }
      const seen = this.seen[field];
      return seen && { after: seen.after, by: seen.firstSeenAt, clock: 'observed' };
    };
    const to: PlatformName = from === 'offerit' ? 'offerslook' : 'offerit';
    const sourceEdits: Record<string, EditTime> = {};
    const targetEdits: Record<string, EditTime> = {};
    for (const field of ROUTES[from].fields) {
      const source = timeOf(from, field.reads![0]!);
      const target = timeOf(to, field.target);
      if (source) sourceEdits[field.target] = source;
      if (target) targetEdits[field.target] = target;
    }
    return { sourceEdits, targetEdits };
  }

  sync(
    from: PlatformName,
    conflictPolicy: ConflictPolicy = 'manual',
    force?: PlanInput['force'],
  ): Plan {
    const to: PlatformName = from === 'offerit' ? 'offerslook' : 'offerit';
    this.observeOfferit();
    const source = this.records[from]!;
    const target = this.records[to];
    const input: PlanInput = {
      kind: 'offer',
      direction: { from, to },
      mapped: ROUTES[from].map(source),
      fields: ROUTES[from].fields,
      conflictPolicy,
      sourceHash: contentHash(source),
      ...(target ? { target, targetHash: contentHash(target), ...this.edits(from) } : {}),
      ...(this.link ? { link: this.link } : {}),
      ...(force ? { force } : {}),
    };
    const result = plan(input);
    if (result.action === 'create') {
      this.writes += 1;
      this.keys[to] = { kind: 'offer', id: to === 'offerslook' ? '7' : '400' };
      this.clock += 1;
      this.records[to] = {
        ...result.fields,
        ...(to === 'offerslook' ? { update_time: this.clock } : {}),
      };
    } else if (
      (result.action === 'update' || result.action === 'conflict') &&
      Object.keys(result.changes).length > 0
    ) {
      this.writes += 1;
      this.clock += 1;
      this.records[to] = {
        ...applyChanges(target!, result.changes),
        ...(to === 'offerslook' ? { update_time: this.clock } : {}),
      };
    }
    const after = this.records[to];
    this.link = linkAfterSync({
      kind: 'offer',
      direction: { from, to },
      ...(this.link ? { link: this.link } : {}),
      plan: result,
      sourceKey: this.keys[from]!,
      targetKey: this.keys[to]!,
      sourceHash: input.sourceHash,
      ...(after ? { targetHash: contentHash(after) } : {}),
      now: this.clock,
    });
    return result;
  }
}

function created(): World {
  const world = new World();
  world.keys.offerit = { kind: 'offer', id: '400' };
  world.edit('offerit', {
    name: 'Summer',
    flat_amount_per_conversion: '2.80',
    offer_description: 'Hot',
  });
  expect(world.sync('offerit').action).toBe('create');
  return world;
}

describe('two-way sync through the planner', () => {
  it('creates once; the created twin coming back is an echo and nothing is written back', () => {
    const world = created();
    expect(world.records.offerslook).toMatchObject({
      name: 'Summer',
      payout: '2.80',
      description: 'Hot',
    });
    expect(world.sync('offerslook').action).toBe('echo');
    expect(world.sync('offerit').action).toBe('unchanged');
    expect(world.sync('offerslook').action).toBe('echo');
    expect(world.writes).toBe(1);
  });

  it('respects a target-side edit going forward and carries it back the other way', () => {
    const world = created();
    world.edit('offerslook', { payout: '3.00' });
    const forward = world.sync('offerit');
    expect(forward.action).toBe('unchanged');
    expect(world.records.offerslook!.payout).toBe('3.00');
    expect(world.sync('offerslook').action).toBe('update');
    expect(world.records.offerit!.flat_amount_per_conversion).toBe('3.00');
    expect(world.sync('offerit').action).toBe('echo');
    expect(world.sync('offerit').action).toBe('echo');
    expect(world.writes).toBe(2);
  });

  it('syncs a later edit back to content we once wrote (echo suppression expires)', () => {
    const world = created();
    world.edit('offerslook', { name: 'Winter' });
    world.sync('offerslook');
    world.edit('offerslook', { name: 'Summer' });
    expect(world.sync('offerslook').action).toBe('update');
    expect(world.records.offerit!.name).toBe('Summer');
  });

  it('keeps a manual conflict open in both directions until resolved with --keep', () => {
    const world = created();
    world.sync('offerslook');
    world.edit('offerit', { flat_amount_per_conversion: '4.00' });
    world.edit('offerslook', { payout: '5.00', name: 'Summer!' });
    const first = world.sync('offerit');
    expect(first.action).toBe('conflict');
    expect(first.action === 'conflict' && first.fields).toEqual({
      payout: { offerit: '4.00', offerslook: '5.00' },
    });
    expect(world.sync('offerit').action).toBe('conflict');
    expect(world.sync('offerslook').action).toBe('conflict');
    // The name changed on offerslook only: it went across while the conflict waits.
    expect(world.records.offerit!.name).toBe('Summer!');

    // --keep offerslook: sync from offerslook with the conflicting entity's fields forced.
    expect(world.sync('offerslook', 'manual', 'all').action).toBe('update');
    expect(world.records.offerit!.flat_amount_per_conversion).toBe('5.00');
    expect(world.sync('offerit').action).toBe('echo');
    world.edit('offerit', { name: 'Autumn' });
    expect(world.sync('offerit').action).toBe('update');
    expect(world.records.offerslook).toMatchObject({ name: 'Autumn', payout: '5.00' });
  });

  it('newest-wins: an older Offerslook edit never overwrites a newer Offerit edit, in either order', () => {
    for (const first of ['offerit', 'offerslook'] as const) {
      const world = created();
      world.sync('offerslook');
      world.edit('offerslook', { payout: '5.00' });
      // A read of Offerit after the Offerslook edit (a reconcile page) sees it still unchanged...
      world.observeOfferit();
      // ...so this later Offerit edit is known to be the newer one.
      world.edit('offerit', { flat_amount_per_conversion: '4.00' });
      world.sync(first, 'newest-wins');
      world.sync(first === 'offerit' ? 'offerslook' : 'offerit', 'newest-wins');
      world.sync(first, 'newest-wins');
      expect(world.records.offerit!.flat_amount_per_conversion).toBe('4.00');
      expect(world.records.offerslook!.payout).toBe('4.00');
    }
  });

  it('newest-wins: a newer Offerslook edit wins over an Offerit edit seen before it, in either order', () => {
    for (const first of ['offerit', 'offerslook'] as const) {
      const world = created();
      world.sync('offerslook');
      world.edit('offerit', { flat_amount_per_conversion: '4.00' });
      world.observeOfferit();
      world.edit('offerslook', { payout: '5.00' });
      world.sync(first, 'newest-wins');
      world.sync(first === 'offerit' ? 'offerslook' : 'offerit', 'newest-wins');
      world.sync(first, 'newest-wins');
      expect(world.records.offerit!.flat_amount_per_conversion).toBe('5.00');
      expect(world.records.offerslook!.payout).toBe('5.00');
    }
  });

  it('newest-wins: edits nobody can order become a manual conflict, not a silent winner', () => {
    for (const first of ['offerit', 'offerslook'] as const) {
      const world = created();
      world.sync('offerslook');
      // No read of Offerit between its edit and the Offerslook one: either may be the later.
      world.edit('offerit', { flat_amount_per_conversion: '4.00' });
      world.edit('offerslook', { payout: '5.00' });
      const result = world.sync(first, 'newest-wins');
      expect(result.action).toBe('conflict');
      expect(result.action === 'conflict' && result.unordered).toEqual([
        first === 'offerit' ? 'payout' : 'flat_amount_per_conversion',
      ]);
      expect(world.records.offerit!.flat_amount_per_conversion).toBe('4.00');
      expect(world.records.offerslook!.payout).toBe('5.00');
    }
  });
});
