// `GET /offer/get_commission_changes`, classified from the raw answers (contract section 1, v2):
// rows under `message.changes` or as the message itself; `Countries` keyed by zero-padded
// (`"004"`) or plain numeric codes; sub-affiliates in a "Sub Affiliates" map or as top-level
// labels; goal-row switches as JSON booleans; the offer's default row with or without payouts.
// Pure.
import {
  OFFERIT_PAYOUT_LABELS,
  OFFERIT_SUBAFF_LABELS,
  OFFERIT_SUBAFF_MAP_LABEL,
  OFFERIT_GOAL_FLAG_LABELS,
  commissionChangeRowSchema,
} from '../../platforms/offerit/index.js';
import { describeShape, extraKeys, formatPath, isObject } from './shape.js';
import type { LocatedRecord } from './offerit-details.js';

export type ChangesShape =
  { ok: true; message: 'changes' | 'list'; rows: LocatedRecord[] } | { ok: false; problem: string };

/** Where the rows of one answer are; a problem when they are not commission-change rows. */
export function changesShape(answer: unknown): ChangesShape {
  const message = isObject(answer) ? answer.message : undefined;
  const nested = isObject(message) && Array.isArray(message.changes);
  const list = nested ? (message.changes as unknown[]) : message;
  if (!Array.isArray(list)) {
    return {
      ok: false,
      problem: `message is neither {changes: [...]} nor a list of changes (message: ${describeShape(message)})`,
    };
  }
  const rows = (list as unknown[]).map((record: unknown, index) => ({
    where: formatPath('message', nested ? ['changes', index] : [index]),
    record,
  }));
  const stranger = rows.find(({ record }) => !isObject(record) || !('Change Id' in record));
  if (stranger) {
    return {
      ok: false,
      problem: `rows are not commission changes: no "Change Id" (${stranger.where}: ${describeShape(stranger.record)})`,
    };
  }
  return { ok: true, message: nested ? 'changes' : 'list', rows };
}

type Row = Record<string, unknown>;

/** The variant over the rows of every answer read (the offers' and their goals'). */
export function changesVariant(
  messages: readonly ('changes' | 'list')[],
  rows: readonly Row[],
): Record<string, string> {
  return {
    message: [...new Set(messages)].join('+') || 'none',
    'country keys': countryKeys(rows),
    'sub-affiliates': subAffiliates(rows),
    'goal flags': goalFlags(rows),
    'default row': defaultRow(rows),
  };
}

/**
 * A map keyed `"004"` is padded; one keyed `"4"` is plain numeric. Codes of 100 and up look the
 * same either way, so a map of only those cannot tell.
 */
function countryKeys(rows: readonly Row[]): string {
  const keys = rows.flatMap((row) => (isObject(row.Countries) ? Object.keys(row.Countries) : []));
  const padded = keys.some((key) => /^0\d{2}$/.test(key));
  const plain = keys.some((key) => /^[1-9]\d?$/.test(key));
  if (padded && plain) return 'mixed';
  if (padded) return 'padded';
  if (plain) return 'numeric';
  if (keys.length > 0) return 'three-digit (padding not visible)';
  const lists = rows.filter((row) => Array.isArray(row.Countries)) as { Countries: unknown[] }[];
  if (lists.some((row) => row.Countries.some((code) => String(code).toLowerCase() !== 'all')))
    return 'iso list';
  return lists.length > 0 ? 'all countries only' : 'none';
}

function subAffiliates(rows: readonly Row[]): string {
  const map = rows.some((row) => OFFERIT_SUBAFF_MAP_LABEL in row);
  const labels = rows.some((row) => Object.keys(OFFERIT_SUBAFF_LABELS).some((l) => l in row));
  if (map && labels) return 'map+labels';
  return map ? 'map' : labels ? 'labels' : 'none';
}

function goalFlags(rows: readonly Row[]): string {
  const values = rows.flatMap((row) =>
    Object.keys(OFFERIT_GOAL_FLAG_LABELS)
      .filter((label) => label in row)
      .map((label) => row[label]),
  );
  if (values.length === 0) return 'none';
  return values.every((value) => typeof value === 'boolean') ? 'booleans' : 'text';
}

/** The offer's own Change Id 0 row (no offer_goal_id): with payouts, without, or not there. */
function defaultRow(rows: readonly Row[]): string {
  const own = rows.filter((row) => String(row['Change Id']) === '0' && !('offer_goal_id' in row));
  if (own.length === 0) return 'missing';
  return own.some((row) => Object.keys(OFFERIT_PAYOUT_LABELS).some((label) => label in row))
    ? 'with payouts'
    : 'without payouts';
}

/** Row keys the row schema does not declare (v1's top-level sub-affiliate labels it reads too). */
export function unexpectedChangeKeys(rows: readonly unknown[]): string[] {
  return extraKeys(rows, [
    ...Object.keys(commissionChangeRowSchema.shape),
    ...Object.keys(OFFERIT_SUBAFF_LABELS),
  ]);
}
