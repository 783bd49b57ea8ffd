// add_commission_change, get_commission_changes and set_commission_change_payouts. Every offer
// and every goal has a default change (Change Id 0); a `disable` change pays 0 everywhere. The
// offer's default change and the offer are one set of payouts: add_offer/edit_offer and
// set_commission_change_payouts with changeid 0 write the same numbers, which get_details (v1
// columns) and the default row (v2) both answer.
import type { z } from 'zod';
import {
  OFFERIT_GOAL_FLAG_LABELS,
  OFFERIT_PAYOUT_LABELS,
  OFFERIT_SUBAFF_LABELS,
  OFFERIT_SUBAFF_MAP_LABEL,
  type addCommissionChangeParamsSchema,
  type setCommissionChangePayoutsParamsSchema,
} from '../../../platforms/offerit/wire/index.js';
import { COUNTRY_NUMERIC, COUNTRY_NUMERIC_PADDED, unknownCountries } from '../countries.js';
import {
  GOAL_FLAGS,
  PAYOUT_FIELDS,
  money,
  readDate,
  type Payouts,
  type StoredChange,
} from '../model.js';
import { invalid, notFound } from '../sandbox-failure.js';
import type { OfferitSandboxState } from '../state.js';
import type { OfferitVariants } from '../variants.js';
import { jsonNumber } from '../../common/json-number.js';

type AddChangeInput = z.output<typeof addCommissionChangeParamsSchema>;
type SetPayoutsInput = z.output<typeof setCommissionChangePayoutsParamsSchema>;

export function addDefaultChange(
  state: OfferitSandboxState,
  offerid: string,
  goalid: string,
): void {
  state.changes.push({
    offerid,
    changeid: '0',
    goalid,
    type: 'standard',
    start_time: '',
    end_time: '',
    countries: [],
    affiliates: {},
    subaffs: {},
    payouts: {},
    flags: {},
  });
}

/** Whether `change` is the offer's own default change, whose payouts are the offer's fields. */
export function isOfferDefault(change: StoredChange): boolean {
  return change.changeid === '0' && change.goalid === '0';
}

/**
 * Stores a new change and returns its changeid. `preset` (fixtures only) keeps a fixture's own
 * id and sets what no endpoint writes (`cpm_payout`).
 */
export function addCommissionChange(
  state: OfferitSandboxState,
  params: AddChangeInput,
  preset: { changeid?: string; cpm_payout?: string } = {},
): string {
  const offer = state.offer(params.offerid);
  const goalid = params.goalid ?? '0';
  if (goalid !== '0' && !offer.goals.some((goal) => goal.offer_goal_id === goalid)) {
    throw notFound(`Invalid goalid: offer ${offer.offerid} has no goal ${goalid}`);
  }
  const affiliates = restrictTo(state, params);
  const countries = params.countries ?? [];
  const unknown = unknownCountries(countries);
  if (unknown.length > 0)
    throw invalid(`invalid countries: unknown country code ${unknown.join(', ')}`);
  const start = readDate(params.start_time ?? '', state.now());
  const end = readDate(params.end_time ?? '', state.now());
  if (params.type === 'temporary' && start === '' && end === '') {
    throw invalid('type=temporary needs start_time or end_time');
  }
  if (params.type !== 'temporary' && (start !== '' || end !== '')) {
    throw invalid(`start_time and end_time need type=temporary (got type=${params.type})`);
  }
  const payouts: Payouts = {};
  for (const field of PAYOUT_FIELDS) {
    const value = params.type === 'disable' ? '0' : params[field];
    if (value !== undefined && value !== '') payouts[field] = money(value);
  }
  const changeid = preset.changeid ?? state.nextId('change');
  state.claimId('change', changeid);
  const subaffs: StoredChange['subaffs'] = {};
  for (const key of ['subaff', 'subaff2', 'subaff3', 'subaff4', 'subaff5'] as const) {
    if (params[key]) subaffs[key] = params[key];
  }
  // The page: "Only applies to goal changes"; elsewhere the switches are accepted and ignored.
  const flags: StoredChange['flags'] = {};
  if (goalid !== '0') {
    for (const flag of GOAL_FLAGS) if (params[flag] !== undefined) flags[flag] = params[flag];
  }
  state.changes.push({
    offerid: offer.offerid,
    changeid,
    goalid,
    type: params.type,
    start_time: start,
    end_time: end,
    countries,
    affiliates,
    subaffs,
    payouts,
    flags,
    ...(preset.cpm_payout ? { cpm_payout: money(preset.cpm_payout) } : {}),
  });
  return changeid;
}

export function setCommissionChangePayouts(
  state: OfferitSandboxState,
  params: SetPayoutsInput,
): string {
  state.offer(params.offerid);
  const changes = state.changesOf(params.offerid);
  const change =
    params.changeid === '0'
      ? changes.find((c) => c.changeid === '0' && c.goalid === (params.goalid ?? '0'))
      : changes.find((c) => c.changeid === params.changeid);
  if (!change) {
    throw notFound(
      params.changeid === '0'
        ? `Invalid goalid: offer ${params.offerid} has no goal ${params.goalid}`
        : `Invalid changeid: offer ${params.offerid} has no change ${params.changeid}`,
    );
  }
  if (params.goalid !== undefined && params.goalid !== change.goalid) {
    throw invalid(
      `changeid ${change.changeid} belongs to goalid ${change.goalid}, not ${params.goalid}`,
    );
  }
  const payouts: Record<string, unknown> = isOfferDefault(change)
    ? state.offer(params.offerid).fields
    : change.payouts;
  for (const field of PAYOUT_FIELDS) {
    const value = params[field];
    if (value === undefined) continue;
    if (value === '') delete payouts[field];
    else payouts[field] = money(value);
  }
  return 'changes_saved';
}

/** The documented human-key rows: offer rows first, then each goal's rows. */
export function renderChanges(
  state: OfferitSandboxState,
  offerid: string,
  variants: OfferitVariants,
): Record<string, unknown>[] {
  const offer = state.offer(offerid);
  const offerPayouts: Payouts = Object.fromEntries(
    PAYOUT_FIELDS.filter((field) => typeof offer.fields[field] === 'string').map((field) => [
      field,
      offer.fields[field] as string,
    ]),
  );
  const order = ['0', ...offer.goals.map((goal) => goal.offer_goal_id)];
  return state
    .changesOf(offerid)
    .sort(
      (a, b) =>
        order.indexOf(a.goalid) - order.indexOf(b.goalid) ||
        Number(a.changeid) - Number(b.changeid),
    )
    .map((change) => {
      if (!isOfferDefault(change)) return renderChange(change, change.payouts, variants);
      return renderChange(
        change,
        variants.defaultRowPayouts === 'offer' ? offerPayouts : {},
        variants,
      );
    });
}

function renderChange(
  change: StoredChange,
  payouts: Payouts,
  variants: OfferitVariants,
): Record<string, unknown> {
  const row: Record<string, unknown> = { 'Change Id': Number(change.changeid) };
  if (change.goalid !== '0') row.offer_goal_id = Number(change.goalid);
  row['Start Time'] = change.start_time || 'Never';
  row['End Time'] = change.end_time || 'Never';
  const numeric = variants.countryKeys === 'padded' ? COUNTRY_NUMERIC_PADDED : COUNTRY_NUMERIC;
  row.Countries =
    change.countries.length === 0
      ? ['All']
      : Object.fromEntries(change.countries.map((code) => [numeric.get(code) ?? code, code]));
  if (Object.keys(change.affiliates).length > 0) row.Affiliates = { ...change.affiliates };
  const subaffs = Object.entries(OFFERIT_SUBAFF_LABELS)
    .filter(([, field]) => change.subaffs[field])
    .map(([label, field]) => [label, change.subaffs[field]] as const);
  if (subaffs.length > 0 && variants.subAffiliates === 'map')
    row[OFFERIT_SUBAFF_MAP_LABEL] = Object.fromEntries(subaffs);
  else for (const [label, value] of subaffs) row[label] = value;
  // The documented sample sends payouts as JSON numbers; only the ones that are set. Each is
  // written as the stored decimal's own text (`7.50`), as a platform storing decimals would, so a
  // client that reads numbers through floats shows up here.
  for (const [label, field] of Object.entries(OFFERIT_PAYOUT_LABELS)) {
    const value = payouts[field];
    if (value !== undefined) row[label] = jsonNumber(value);
  }
  if (change.cpm_payout !== undefined) row['CPM Payout'] = jsonNumber(change.cpm_payout);
  if (variants.goalRowFlags === 'booleans') {
    for (const [label, flag] of Object.entries(OFFERIT_GOAL_FLAG_LABELS)) {
      const value = change.flags[flag];
      if (value !== undefined) row[label] = value === '1';
    }
  }
  return row;
}

function restrictTo(state: OfferitSandboxState, params: AddChangeInput): Record<string, string> {
  if (params.loginid === undefined && (params.username === undefined || params.username === ''))
    return {};
  const byId = params.loginid === undefined ? undefined : state.affiliates.get(params.loginid);
  if (params.loginid !== undefined && !byId)
    throw notFound(`Invalid loginid: no affiliate ${params.loginid}`);
  const byName = params.username
    ? [...state.affiliates.values()].find((affiliate) => affiliate.username === params.username)
    : undefined;
  if (params.username && !byName)
    throw notFound(`Invalid username: no affiliate ${params.username}`);
  if (byId && byName && byId !== byName) {
    throw invalid(
      `loginid ${params.loginid} and username ${params.username} name different affiliates`,
    );
  }
  const affiliate = (byId ?? byName)!;
  return { [affiliate.loginid]: affiliate.username };
}
