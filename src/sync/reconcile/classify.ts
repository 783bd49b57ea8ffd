// The cheap part of reconciliation: deciding from a listed record and its stored link alone
// whether anything needs a real sync. A record whose content hash equals the one its link saw
// last is unchanged without another request (the list gives the same view as `get`, hashed the
// same way the sync hashes it); only the rest cost a sync.
import type { Link } from '../../store/index.js';
import type { PlatformName } from '../../vocabulary/index.js';
import { formatEntityKey } from '../../vocabulary/index.js';
import type { RecordInspection } from './inspect-record.js';

export type Decision =
  | { action: 'unchanged'; targetId: string }
  | { action: 'skip'; reason: string; targetId?: string }
  /** A source value cannot be mapped: fails without a request, as the sync would. */
  | { action: 'fail'; reason: string; code: string; targetId?: string }
  /** Needs a real sync (new, changed, or its link has no hash yet). */
  | { action: 'sync' };

export interface ClassifyInput {
  from: PlatformName;
  to: PlatformName;
  /** `recordHash` of the listed source record. */
  hash: string;
  link: Link | undefined;
  /** Whether a mapping route exists from `from` for this kind. */
  routed: boolean;
  /** Computed lazily: only records that are not unchanged need the mapping's verdict. */
  inspect: () => RecordInspection;
  /** The link's twin was retired by reconciliation because it vanished (reverse direction). */
  twinRetired: boolean;
}

export function classify(input: ClassifyInput): Decision {
  const { from, to, link } = input;
  const targetId = link ? formatEntityKey(link[to].key) : undefined;
  if (!input.routed)
    return { action: 'skip', reason: `no mapping route from ${from} for this kind` };
  if (link && targetId !== undefined && link[from].seenHash === input.hash) {
    return { action: 'unchanged', targetId };
  }
  const inspection = input.inspect();
  if (inspection.noTwin !== undefined) {
    return targetId === undefined
      ? { action: 'skip', reason: inspection.noTwin }
      : { action: 'skip', reason: inspection.noTwin, targetId };
  }
  if (inspection.rejected !== undefined) {
    const failed = {
      action: 'fail' as const,
      reason: inspection.rejected,
      code: inspection.rejectedCode ?? 'UNMAPPABLE',
    };
    return targetId === undefined ? failed : { ...failed, targetId };
  }
  if (link && targetId !== undefined && input.twinRetired) {
    return {
      action: 'skip',
      reason: `its twin ${to} ${targetId} vanished and reconciliation retired this one; sync it by hand to bring it back`,
      targetId,
    };
  }
  return { action: 'sync' };
}
