// The cheap decision per listed record: unchanged by hash alone, skips and failures the mapping
// can tell without a request, and a real sync for the rest.
import { describe, expect, it } from 'vitest';
import {
  classify,
  type ClassifyInput,
  type RecordInspection,
} from '../../../../src/sync/reconcile/index.js';
import type { Link } from '../../../../src/store/index.js';

const link: Link = {
  kind: 'offer',
  offerit: { key: { kind: 'offer', id: '400' }, seenHash: 'hash-seen' },
  offerslook: { key: { kind: 'offer', id: '7' }, seenHash: 'twin-hash' },
  version: 3,
};

function input(
  overrides: Partial<ClassifyInput> = {},
  inspection: RecordInspection = { needs: [] },
) {
  let inspected = 0;
  const base: ClassifyInput = {
    from: 'offerit',
    to: 'offerslook',
    hash: 'hash-seen',
    link,
    routed: true,
    inspect: () => {
      inspected += 1;
      return inspection;
    },
    twinRetired: false,
    ...overrides,
  };
  return { base, inspected: () => inspected };
}

describe('classify', () => {
  it('calls a linked record whose hash is the one last seen unchanged, without mapping it', () => {
    const { base, inspected } = input();
    expect(classify(base)).toEqual({ action: 'unchanged', targetId: 'offer:7' });
    expect(inspected()).toBe(0);
  });

  it('syncs a record with no link, or whose content changed since it was seen', () => {
    expect(classify(input({ link: undefined }).base)).toEqual({ action: 'sync' });
    expect(classify(input({ hash: 'other' }).base)).toEqual({ action: 'sync' });
    // A link saved without a source hash (an affiliate match, a conflict) proves nothing.
    const unseen: Link = { ...link, offerit: { key: link.offerit.key } };
    expect(classify(input({ link: unseen }).base)).toEqual({ action: 'sync' });
  });

  it('compares the source side of the link: the other side seeing this hash means nothing', () => {
    const { base } = input({ from: 'offerslook', to: 'offerit', hash: 'hash-seen' });
    expect(classify(base)).toEqual({ action: 'sync' });
    expect(classify({ ...base, hash: 'twin-hash' })).toEqual({
      action: 'unchanged',
      targetId: 'offer:400',
    });
  });

  it("skips with the route's reason when the record can have no twin", () => {
    const { base } = input({ link: undefined }, { noTwin: 'restricted by country', needs: [] });
    expect(classify(base)).toEqual({ action: 'skip', reason: 'restricted by country' });
  });

  it('fails without a request when a source value cannot be mapped', () => {
    const { base } = input(
      { hash: 'changed' },
      { rejected: 'route: x: bad [UNMAPPABLE]', needs: [] },
    );
    expect(classify(base)).toEqual({
      action: 'fail',
      reason: 'route: x: bad [UNMAPPABLE]',
      code: 'UNMAPPABLE',
      targetId: 'offer:7',
    });
  });

  it('skips a changed twin that reconciliation retired because its own source vanished', () => {
    const { base } = input({ hash: 'changed', twinRetired: true });
    const decision = classify(base);
    expect(decision).toMatchObject({ action: 'skip', targetId: 'offer:7' });
    expect(decision.action === 'skip' && decision.reason).toMatch(/vanished/);
    // Unchanged stays unchanged: the retired mark matters only for what would be synced.
    expect(classify(input({ twinRetired: true }).base).action).toBe('unchanged');
  });

  it('skips kinds that have no mapping route', () => {
    expect(classify(input({ routed: false }).base)).toMatchObject({ action: 'skip' });
  });
});
