// Entity-view records (records.ts) turned into the parameters of the write endpoints. Fields the
// platform cannot write are refused with a VALIDATION error naming them, never dropped silently.
import { PlatformError } from '../errors.js';
import type { PlatformRecord } from '../../vocabulary/index.js';
import { offeritCommissionPayoutFields } from './records.js';
import type { PhpFormValue } from './php-form.js';
import { OFFERIT_OFFER_PARAM_NAMES } from './wire/offer-params.js';

/** Offer fields the platform sets itself; copied records may carry them and they are skipped. */
export const OFFER_READ_ONLY = new Set([
  'offerid',
  'date_added',
  'goals',
  'landing_pages',
  'landing_pageid',
  'active',
  // get_details' documented column of the advertiser's name (v2); advertiserid is what is written.
  'advertiser_username',
]);
export const GOAL_WRITABLE = [
  'goal_id',
  'name',
  'commission_type',
  'amount',
  'revenue_type',
  'revenue_amount',
] as const;
const GOAL_READ_ONLY = new Set(['offer_goal_id', 'offerid']);
const OFFER_WRITABLE = new Set(OFFERIT_OFFER_PARAM_NAMES);

export function refuse(
  entity: string,
  operation: string,
  fields: string[],
  why: string,
): PlatformError {
  return new PlatformError(
    'VALIDATION',
    `offerit ${entity}: cannot write ${fields.join(', ')} (${why})`,
    {
      platform: 'offerit',
      operation,
    },
  );
}

/**
 * add_offer / edit_offer parameters from a record. On create, empty values are left out (nothing
 * to set); on update they are sent as empty text, which clears the field.
 */
export function offerParams(
  record: PlatformRecord,
  mode: 'create' | 'update',
): Record<string, PhpFormValue> {
  const params: Record<string, PhpFormValue> = {};
  const refused: string[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (OFFER_READ_ONLY.has(field) || value === undefined) continue;
    if (!OFFER_WRITABLE.has(field)) {
      refused.push(field);
      continue;
    }
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (mode === 'update') params[field] = '';
      continue;
    }
    params[field] = value as PhpFormValue;
  }
  if (refused.length > 0) {
    throw refuse(
      'offer',
      mode === 'create' ? 'POST /offer/add_offer' : 'PATCH /offer/edit_offer',
      refused,
      'not an add_offer field',
    );
  }
  return params;
}

/** One `goal_vars` entry from a goal record (`goal_id` only when creating). */
export function goalVars(
  record: PlatformRecord,
  mode: 'create' | 'update',
  defaultGoalId?: string,
): Record<string, PhpFormValue> {
  const vars: Record<string, PhpFormValue> = {};
  const refused: string[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (value === undefined || GOAL_READ_ONLY.has(field)) continue;
    if ((GOAL_WRITABLE as readonly string[]).includes(field)) {
      vars[field] = (value ?? '') as PhpFormValue;
    } else refused.push(field);
  }
  if (refused.length > 0)
    throw refuse('goal', 'PATCH /offer/set_offer_goals', refused, 'not a goal_vars field');
  if (mode === 'create' && scalarText(vars.goal_id) === undefined) {
    if (defaultGoalId === undefined) {
      throw refuse('goal', 'PATCH /offer/set_offer_goals', ['goal'], 'a new goal needs a goal_id');
    }
    vars.goal_id = defaultGoalId;
  }
  return vars;
}

const SUBAFF_FIELDS = ['subaff', 'subaff2', 'subaff3', 'subaff4', 'subaff5'] as const;
/** Goal-change switches get_commission_changes reads back as "Pay Affiliate Managers", ... */
const GOAL_FLAG_FIELDS = ['aff_manager_payout', 'aff_referral_payout'] as const;
/** What a commission-change record may carry into add_commission_change (ids are skipped). */
const COMMISSION_FIELDS = new Set<string>([
  'offerid',
  'changeid',
  'type',
  'loginid',
  'affiliates',
  'countries',
  'goalid',
  'start_time',
  'end_time',
  ...SUBAFF_FIELDS,
  ...GOAL_FLAG_FIELDS,
  ...offeritCommissionPayoutFields,
]);

/** add_commission_change parameters from a commission-change record. */
export function commissionParams(
  record: PlatformRecord,
  offerid: string,
): Record<string, PhpFormValue> {
  const operation = 'POST /offer/add_commission_change';
  const unknown = Object.keys(record).filter(
    (field) => !COMMISSION_FIELDS.has(field) && record[field] !== undefined,
  );
  if (unknown.length > 0) {
    throw refuse('commission change', operation, unknown, 'not an add_commission_change field');
  }
  const text = (field: string) => {
    const value = scalarText(record[field]);
    return value === '' ? undefined : value;
  };
  const affiliates = (record.affiliates ?? {}) as Record<string, string>;
  const loginids = Object.keys(affiliates);
  if (loginids.length > 1) {
    throw refuse(
      'commission change',
      operation,
      ['affiliates'],
      'a change is restricted to one affiliate at most',
    );
  }
  const loginid = text('loginid') ?? loginids[0];
  const countries = Array.isArray(record.countries) ? (record.countries as string[]) : [];
  const params: Record<string, PhpFormValue> = {
    offerid,
    // A record from the other platform may carry dates but no type: dates mean temporary.
    type: text('type') ?? (text('start_time') || text('end_time') ? 'temporary' : 'standard'),
    loginid,
    countries: countries.length > 0 ? countries : undefined,
    goalid: text('goalid') === '0' ? undefined : text('goalid'),
    start_time: text('start_time'),
    end_time: text('end_time'),
  };
  for (const field of [...SUBAFF_FIELDS, ...GOAL_FLAG_FIELDS, ...offeritCommissionPayoutFields])
    params[field] = text(field);
  return params;
}

/** Text of a scalar record value; `undefined` for anything else (missing, null, lists, maps). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
