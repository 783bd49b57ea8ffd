// get_commission_changes classified from raw answers: the contract's documented sample (v1 keys)
// and v2's padded country keys, "Sub Affiliates" map, JSON-boolean goal flags and default row
// with payouts.
import { describe, expect, it } from 'vitest';
import {
  changesShape,
  changesVariant,
  unexpectedChangeKeys,
} from '../../../src/doctor/probe/offerit-changes.js';

/** The documented sample of contract section 1. */
const v1Rows = [
  { 'Change Id': 0, 'Start Time': 'Never', 'End Time': 'Never', Countries: ['All'] },
  {
    'Change Id': 46,
    'Start Time': 'Never',
    'End Time': 'Never',
    Countries: ['All'],
    Affiliates: { 43: 'affname' },
    Subaff: 'a',
    'Flat Conversion Payout': 3,
  },
  { 'Change Id': 45, Countries: { 826: 'GB', 4: 'AF' }, 'Page View Payout': 5 },
  { 'Change Id': 0, offer_goal_id: 48, Countries: ['All'] },
];
const v2Rows = [
  { 'Change Id': 0, Countries: ['All'], 'Flat Conversion Payout': 4.5 },
  { 'Change Id': 45, Countries: { '004': 'AF', '826': 'GB' }, 'Sub Affiliates': { Subaff: 'a' } },
  {
    'Change Id': 0,
    offer_goal_id: 48,
    'Pay Affiliate Managers': true,
    'Pay Referring Affiliates': false,
  },
];

describe('changesShape', () => {
  it('finds rows under message.changes or as the message, located for the report', () => {
    const nested = changesShape({ result: 'Success', message: { changes: v1Rows } });
    expect(nested).toMatchObject({ ok: true, message: 'changes' });
    expect(nested.ok && nested.rows[2]?.where).toBe('message.changes[2]');
    expect(changesShape({ result: 'Success', message: v2Rows })).toMatchObject({ message: 'list' });
  });

  it('names what is not a list of change rows', () => {
    expect(changesShape({ result: 'Success', message: { total: 3 } })).toEqual({
      ok: false,
      problem: 'message is neither {changes: [...]} nor a list of changes (message: {total})',
    });
    expect(changesShape({ result: 'Success', message: [{ id: 1 }] })).toEqual({
      ok: false,
      problem: 'rows are not commission changes: no "Change Id" (message[0]: {id})',
    });
  });
});

describe('changesVariant', () => {
  it('reads the v1 sample: numeric keys, top-level labels, no flags, default row without payouts', () => {
    expect(changesVariant(['changes'], v1Rows)).toEqual({
      message: 'changes',
      'country keys': 'numeric',
      'sub-affiliates': 'labels',
      'goal flags': 'none',
      'default row': 'without payouts',
    });
  });

  it('reads v2: padded keys, the map, boolean flags, default row with payouts', () => {
    expect(changesVariant(['list'], v2Rows)).toEqual({
      message: 'list',
      'country keys': 'padded',
      'sub-affiliates': 'map',
      'goal flags': 'booleans',
      'default row': 'with payouts',
    });
  });

  it('says when padding cannot be seen, or no country is restricted', () => {
    const rows = [{ 'Change Id': 5, Countries: { 826: 'GB' } }];
    expect(changesVariant(['changes'], rows)['country keys']).toBe(
      'three-digit (padding not visible)',
    );
    expect(changesVariant(['changes'], [v1Rows[0]!])['country keys']).toBe('all countries only');
    expect(changesVariant(['changes'], [])['default row']).toBe('missing');
  });
});

describe('unexpectedChangeKeys', () => {
  it('knows every documented label, v1 sub-affiliate labels included', () => {
    expect(unexpectedChangeKeys([...v1Rows, ...v2Rows])).toEqual([]);
    expect(unexpectedChangeKeys([{ 'Change Id': 1, 'Rebill Payout': 2 }])).toEqual([
      'Rebill Payout',
    ]);
  });
});
