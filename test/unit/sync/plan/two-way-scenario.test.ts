// Both directions of one offer route played through the planner and linkAfterSync, with two
// in-memory "platforms" that bump update_time on every write. Proves the bookkeeping end to
// end: echoes cost nothing, local edits are respected, conflicts stick until resolved.
import { describe, expect, it } from 'vitest';
import type { PlatformName } from '../../../../src/config/index.js';
import type { EntityKey } from '../../../../src/platforms/entities.js';
import type { Link } from '../../../../src/store/index.js';
import {
  applyChanges,
  contentHash,
  linkAfterSync,
  plan,
  type ConflictPolicy,
  type FieldPolicy,
  type Plan,
  type PlanInput,
} from '../../../../src/sync/plan/index.js';

type Rec = Record<string, unknown>;

const ROUTES: Record<PlatformName, { fields: FieldPolicy[]; map: (source: Rec) => Rec }> = {
  offerit: {
    fields: [
      { target: 'name', sync: 'always' },
      { target: 'payout', sync: 'always' },
      { target: 'description', sync: 'once' },
    ],
    map: (s) => ({
      name: s.name,
      payout: s.flat_amount_per_conversion,
      description: s.offer_description,
    }),
  },
  offerslook: {
    fields: [
      { target: 'name', sync: 'always' },
      { target: 'flat_amount_per_conversion', sync: 'always' },
      { target: 'offer_description', sync: 'never' },
    ],
    map: (s) => ({
      name: s.name,
      flat_amount_per_conversion: s.payout,
      offer_description: s.description,
    }),
  },
};

class World {
  clock = 1_000;
  writes = 0;
  records: Record<PlatformName, Rec | undefined> = { offerit: undefined, offerslook: undefined };
  keys: Record<PlatformName, EntityKey | undefined> = { offerit: undefined, offerslook: undefined };
  link: Link | undefined;

  edit(platform: PlatformName, changes: Rec): void {
    this.records[platform] = {
      ...this.records[platform],
      ...changes,
      update_time: (this.clock += 1),
    };
  }

  sync(
    from: PlatformName,
    conflictPolicy: ConflictPolicy = 'manual',
    force?: PlanInput['force'],
  ): Plan {
    const to: PlatformName = from === 'offerit' ? 'offerslook' : 'offerit';
    const source = this.records[from]!;
    const target = this.records[to];
    const input: PlanInput = {
      kind: 'offer',
      direction: { from, to },
      mapped: ROUTES[from].map(source),
      fields: ROUTES[from].fields,
      conflictPolicy,
      sourceHash: contentHash(source),
      sourceUpdatedAt: source.update_time as number,
      ...(target
        ? { target, targetHash: contentHash(target), targetUpdatedAt: target.update_time as number }
        : {}),
      ...(this.link ? { link: this.link } : {}),
      ...(force ? { force } : {}),
    };
    const result = plan(input);
    if (result.action === 'create') {
      this.writes += 1;
      this.keys[to] = { kind: 'offer', id: to === 'offerslook' ? '7' : '400' };
      this.records[to] = { ...result.fields, update_time: (this.clock += 1) };
    } else if (
      (result.action === 'update' || result.action === 'conflict') &&
      Object.keys(result.changes).length > 0
    ) {
      this.writes += 1;
      this.records[to] = {
        ...applyChanges(target!, result.changes),
        update_time: (this.clock += 1),
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
      sourceUpdatedAt: source.update_time as number,
      ...(after
        ? { targetHash: contentHash(after), targetUpdatedAt: after.update_time as number }
        : {}),
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

  it('newest-wins converges on the later edit whichever direction runs first', () => {
    for (const first of ['offerit', 'offerslook'] as const) {
      const world = created();
      world.sync('offerslook');
      world.edit('offerit', { flat_amount_per_conversion: '4.00' });
      world.edit('offerslook', { payout: '5.00' });
      world.sync(first, 'newest-wins');
      world.sync(first === 'offerit' ? 'offerslook' : 'offerit', 'newest-wins');
      world.sync(first, 'newest-wins');
      expect(world.records.offerit!.flat_amount_per_conversion).toBe('5.00');
      expect(world.records.offerslook!.payout).toBe('5.00');
    }
  });
});
