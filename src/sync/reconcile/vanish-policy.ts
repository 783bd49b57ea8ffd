// What happens to a twin whose source vanished, as data: per policy, and per target platform
// and kind where the platforms differ. Pure.
import type { Config } from '../../config/index.js';
import type { PlatformName } from '../../vocabulary/index.js';
import type { EntityKind, PlatformRecord } from '../../vocabulary/index.js';

export type VanishedPolicy = Config['vanishedPolicy'];

export type VanishStep =
  /** Leave the twin as it is (reported as a skip). */
  | { do: 'nothing'; what: string }
  /** `PlatformClient.retire`: offers paused, goals paused or zeroed, payouts zeroed or deleted. */
  | { do: 'retire'; what: string }
  /** A plain update of these fields. */
  | { do: 'update'; changes: PlatformRecord; what: string };

/**
 * `pause` stops a twin without destroying it; `delete` also removes it where the platform can
 * (Offerslook affiliate payouts), and pauses where it cannot (offers and goals on both, Offerit
 * commission changes, which have no delete).
 */
export function vanishStep(
  policy: VanishedPolicy,
  target: PlatformName,
  kind: EntityKind,
): VanishStep {
  if (policy === 'ignore') return { do: 'nothing', what: 'left as it is (VANISHED_POLICY=ignore)' };
  const retire = (what: string): VanishStep => ({
    do: 'retire',
    what: `${what} (VANISHED_POLICY=${policy})`,
  });
  switch (kind) {
    case 'offer':
      return retire('paused');
    case 'goal':
      return retire(target === 'offerslook' ? 'event paused' : 'goal amount set to 0');
    case 'commission':
      if (target === 'offerit') return retire('commission change payouts set to 0');
      // Retiring an Offerslook payout deletes it: only when the policy says delete.
      return policy === 'delete'
        ? retire('affiliate payout deleted')
        : {
            do: 'update',
            changes: { current_payout: '0', percent_payout: '0' },
            what: 'affiliate payout set to 0 (VANISHED_POLICY=pause)',
          };
    case 'affiliate':
      return { do: 'nothing', what: 'affiliates are never retired' };
  }
}
