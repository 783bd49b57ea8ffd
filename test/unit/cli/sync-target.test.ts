// `offer-sync sync <connection>:<entity>:<id>`: only platform ids (digits) are taken, and the
// error says which part is wrong.
import { describe, expect, it } from 'vitest';
import { parseSyncTarget } from '../../../src/cli/commands/sync.js';

describe('parseSyncTarget', () => {
  it('reads offers, and goals and commissions under their offer', () => {
    expect(parseSyncTarget('offerit:offer:400')).toEqual({
      connection: 'offerit',
      key: { kind: 'offer', id: '400' },
    });
    expect(parseSyncTarget('partner-a:goal:7/3')).toEqual({
      connection: 'partner-a',
      key: { kind: 'goal', id: '3', offerId: '7' },
    });
  });

  it('refuses ids that are not digits, naming the part', () => {
    expect(parseSyncTarget('offerit:offer:..')).toBe(
      'offerit:offer:..: the offer id expected digits only (a platform id such as "400"), got ".."',
    );
    expect(parseSyncTarget('offerit:offer:.')).toMatch(/the offer id expected digits only/);
    expect(parseSyncTarget('offerslook:goal:../3')).toMatch(
      /the offer id expected digits only.*"\.\."/,
    );
    expect(parseSyncTarget('offerslook:goal:7/x1')).toMatch(
      /the goal id expected digits only.*"x1"/,
    );
  });
});
