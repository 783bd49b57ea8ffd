// Settling a stored link side against a record just read: legacy hashes are upgraded when they
// still describe the record, and a side our own write left unconfirmed becomes an echo when the
// record holds every value written, a change otherwise.
import { describe, expect, it } from 'vitest';
import type { Link } from '../../../../src/store/index.js';
import { legacyRecordHash } from '../../../../src/sync/run/record-hash.js';
import { refreshSide } from '../../../../src/sync/run/refresh-side.js';
import { syncEquals } from '../../../../src/sync/run/sync-equals.js';

const record = { offerid: '400', name: 'Summer', flat_amount_per_conversion: '2.80' };
const link = (offerit: Partial<Link['offerit']>): Link => ({
  kind: 'offer',
  offerit: { key: { kind: 'offer', id: '400' }, ...offerit },
  offerslook: { key: { kind: 'offer', id: '7' }, seenHash: 'p1:x' },
  version: 2,
});

describe('refreshSide', () => {
  it('upgrades a legacy hash that still describes the record, and leaves others alone', () => {
    const legacy = legacyRecordHash(record);
    const upgraded = refreshSide(
      link({ seenHash: legacy, writtenHash: legacy }),
      'offerit',
      record,
      'p1:new',
      syncEquals,
    );
    expect(upgraded.changed).toBe(true);
    expect(upgraded.link.offerit).toMatchObject({ seenHash: 'p1:new', writtenHash: 'p1:new' });
    expect(upgraded.link.version).toBe(2);

    const edited = refreshSide(
      link({ seenHash: legacy }),
      'offerit',
      { ...record, name: 'X' },
      'p1:new',
      syncEquals,
    );
    expect(edited.changed).toBe(false);
    expect(edited.link.offerit.seenHash).toBe(legacy);
  });

  it('settles an unconfirmed side as our echo when the record holds what we wrote', () => {
    const settled = refreshSide(
      link({
        unconfirmed: true,
        written: { name: 'Summer', flat_amount_per_conversion: '2.8' },
      }),
      'offerit',
      record,
      'p1:now',
      syncEquals,
    );
    expect(settled).toMatchObject({ changed: true, settled: 'echo' });
    expect(settled.link.offerit).toMatchObject({ seenHash: 'p1:now', writtenHash: 'p1:now' });
    expect(settled.link.offerit.unconfirmed).toBeUndefined();
  });

  it('reads an unconfirmed side that differs from what we wrote as a change made since', () => {
    const settled = refreshSide(
      link({ unconfirmed: true, written: { name: 'Winter' } }),
      'offerit',
      record,
      'p1:now',
      syncEquals,
    );
    expect(settled).toMatchObject({ changed: true, settled: 'changed' });
    expect(settled.link.offerit.seenHash).toBeUndefined();
    expect(settled.link.offerit.writtenHash).toBeUndefined();
    expect(settled.link.offerit.unconfirmed).toBeUndefined();
  });
});
