// set_commission_change_payouts can change payouts only. An update is checked against the
// current change: any other field that differs is refused (a new change would be needed), and
// all six payouts are sent, merged, so a server that reads a missing one as 0 loses nothing.
import type { PlatformRecord } from '../../vocabulary/index.js';
import { offeritCommissionPayoutFields, type OfferitCommissionChange } from './records.js';
import { refuse, scalarText } from './record-params.js';
import type { SetCommissionChangePayoutsParams } from './wire/commission-params.js';

const IGNORED = new Set(['offerid', 'changeid']);

export function commissionPayoutUpdate(
  current: OfferitCommissionChange,
  changes: PlatformRecord,
): SetCommissionChangePayoutsParams {
  const payoutFields = new Set<string>(offeritCommissionPayoutFields);
  const refused = Object.entries(changes)
    .filter(
      ([field, value]) => !payoutFields.has(field) && !IGNORED.has(field) && value !== undefined,
    )
    .filter(([field, value]) => !sameValue((current as Record<string, unknown>)[field], value))
    .map(([field]) => field);
  if (refused.length > 0) {
    throw refuse(
      'commission change',
      'PATCH /offer/set_commission_change_payouts',
      refused,
      'only payouts can change',
    );
  }
  const params: SetCommissionChangePayoutsParams = {
    offerid: current.offerid,
    changeid: current.changeid,
    goalid: current.goalid,
  };
  for (const field of offeritCommissionPayoutFields) {
    const next = field in changes ? changes[field] : current[field];
    params[field] = scalarText(next) ?? '';
  }
  return params;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => String(item).toUpperCase()).sort();
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  return (scalarText(value) ?? JSON.stringify(value)).trim();
}
