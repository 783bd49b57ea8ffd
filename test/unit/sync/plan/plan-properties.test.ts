// Properties of the planner over generated records, links and policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Link } from '../../../../src/store/index.js';
import {
  applyChanges,
  contentHash,
  hasPath,
  linkAfterSync,
  plan,
  setPath,
  type FieldPolicy,
  type PlanInput,
} from '../../../../src/sync/plan/index.js';
import { OFFERIT_KEY, OFFERSLOOK_KEY } from './fixtures.js';

// Leaf paths only: no path is a prefix of another.
const PATHS = [
  'name',
  'payout',
  'percent_payout',
  'currency',
  'base_event.payout',
  'base_event.status',
];
const value = fc.constantFrom(undefined, '', '0', '1', '1.0', '2.5', '2.50', '-1', 'x', 'y');
const hash = fc.constantFrom('h1', 'h2', 'h3');

const recordOf = (item: fc.Arbitrary<string | undefined>) =>
  fc
    .array(item, { minLength: PATHS.length, maxLength: PATHS.length })
    .map((values) =>
      values.reduce<Record<string, unknown>>(
        (record, entry, index) =>
          entry === undefined ? record : setPath(record, PATHS[index]!, entry),
        {},
      ),
    );
const recordArb = recordOf(value);
// Baselines miss many fields, so the whole-record fallback is exercised beside per-field baselines.
const baselineArb = recordOf(fc.oneof(fc.constant(undefined), value));

const fieldsArb = fc.tuple(
  ...PATHS.map((target) =>
    fc.record({
      target: fc.constant(target),
      sync: fc.constantFrom('always', 'always', 'once', 'never'),
      owner: fc.constantFrom(undefined, 'offerit', 'offerslook'),
    }),
  ),
) as fc.Arbitrary<FieldPolicy[]>;

const linkArb: fc.Arbitrary<Link | undefined> = fc.option(
  fc
    .record({
      sourceSeen: fc.option(hash, { nil: undefined }),
      targetSeen: fc.option(hash, { nil: undefined }),
      written: fc.option(baselineArb, { nil: undefined }),
    })
    .map(({ sourceSeen, targetSeen, written }) => ({
      kind: 'offer' as const,
      offerit: {
        key: OFFERIT_KEY,
        seenHash: sourceSeen,
        writtenHash: 'never-equal-to-a-source-hash',
      },
      offerslook: { key: OFFERSLOOK_KEY, seenHash: targetSeen, written },
      version: 3,
    })),
  { nil: undefined },
);

/** Edit times of some fields: platform points or observed intervals, overlapping or not. */
const editTimeArb = fc.oneof(
  fc
    .integer({ min: 0, max: 3 })
    .map((at) => ({ after: at - 1, by: at, clock: 'platform' as const })),
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
    .map(([a, b]) => ({ after: Math.min(a, b), by: Math.max(a, b), clock: 'observed' as const })),
);
const editsArb = fc.option(
  fc.dictionary(fc.constantFrom('name', 'payout', 'base_event.is_private'), editTimeArb),
  { nil: undefined },
);

const inputArb = fc.record({
  mapped: recordArb,
  target: recordArb,
  fields: fieldsArb,
  link: linkArb,
  sourceHash: hash,
  targetHash: hash,
  conflictPolicy: fc.constantFrom('newest-wins' as const, 'manual' as const),
  sourceEdits: editsArb,
  targetEdits: editsArb,
});

type Generated = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(generated: Generated): PlanInput {
  return { kind: 'offer', direction: { from: 'offerit', to: 'offerslook' }, ...generated };
}

/** The same values with decimals spelled another way ("2.5" <-> "2.50", "1" <-> "1.0"). */
function respell(record: Record<string, unknown>): Record<string, unknown> {
  const swap: Record<string, string> = { '2.5': '2.50', '2.50': '2.5', '1': '1.0', '1.0': '1' };
  return JSON.parse(JSON.stringify(record), (_key, item: unknown) =>
    typeof item === 'string' && swap[item] !== undefined ? swap[item] : item,
  ) as Record<string, unknown>;
}

describe('plan properties', () => {
  it('a target equal to the mapped record is always unchanged', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const result = plan({ ...toInput(generated), target: respell(generated.mapped) });
        expect(result.action).toBe('unchanged');
      }),
      { numRuns: 500 },
    );
  });

  it('after applying an update, the next plan is unchanged', () => {
    let updates = 0;
    fc.assert(
      fc.property(inputArb, (generated) => {
        const first = toInput(generated);
        const firstPlan = plan(first);
        if (firstPlan.action !== 'update') return;
        updates += 1;
        const written = applyChanges(first.target!, firstPlan.changes);
        const targetHash = contentHash(written);
        const nextLink = linkAfterSync({
          kind: 'offer',
          direction: first.direction,
          link: first.link,
          plan: firstPlan,
          sourceKey: OFFERIT_KEY,
          targetKey: OFFERSLOOK_KEY,
          sourceHash: first.sourceHash,
          targetHash,
          now: 10,
        });
        const second = plan({ ...first, target: written, targetHash, link: nextLink });
        expect(second.action).toBe('unchanged');
      }),
      { numRuns: 1000 },
    );
    // The generator must actually produce updates, or the property proved nothing.
    expect(updates).toBeGreaterThan(100);
  });

  it('never writes never fields, nor once fields already recorded', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const input = toInput(generated);
        const result = plan(input);
        const recorded = input.link?.offerslook.written;
        for (const { target, sync } of input.fields) {
          if (result.action === 'create' && sync === 'never') {
            expect(hasPath(result.fields, target)).toBe(false);
          }
          if (result.action === 'update' || result.action === 'conflict') {
            if (sync === 'never') expect(result.changes[target]).toBeUndefined();
            if (sync === 'once' && recorded && hasPath(recorded, target)) {
              expect(result.changes[target]).toBeUndefined();
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
