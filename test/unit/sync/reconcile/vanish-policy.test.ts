// The vanish policy table: what a twin gets when its source disappeared.
import { describe, expect, it } from 'vitest';
import { vanishStep } from '../../../../src/sync/reconcile/index.js';

describe('vanishStep', () => {
  it('ignore leaves every twin alone', () => {
    for (const kind of ['offer', 'goal', 'commission'] as const) {
      expect(vanishStep('ignore', 'offerslook', kind)).toMatchObject({ do: 'nothing' });
    }
  });

  it('pause retires offers and goals, and zeroes an Offerslook payout rather than deleting it', () => {
    expect(vanishStep('pause', 'offerslook', 'offer')).toMatchObject({
      do: 'retire',
      what: /paused/,
    });
    expect(vanishStep('pause', 'offerit', 'offer')).toMatchObject({ do: 'retire' });
    expect(vanishStep('pause', 'offerslook', 'goal')).toMatchObject({ do: 'retire' });
    expect(vanishStep('pause', 'offerit', 'commission')).toMatchObject({ do: 'retire' });
    expect(vanishStep('pause', 'offerslook', 'commission')).toEqual({
      do: 'update',
      changes: { current_payout: '0', percent_payout: '0' },
      what: expect.stringMatching(/set to 0/),
    });
  });

  it('delete retires everywhere, which deletes where the platform can', () => {
    expect(vanishStep('delete', 'offerslook', 'commission')).toMatchObject({
      do: 'retire',
      what: /deleted/,
    });
    expect(vanishStep('delete', 'offerit', 'offer')).toMatchObject({
      do: 'retire',
      what: /paused/,
    });
  });

  it('never touches affiliates', () => {
    expect(vanishStep('delete', 'offerslook', 'affiliate')).toMatchObject({ do: 'nothing' });
  });
});
