// `GET /offer/get_commission_changes` answers with human-readable keys ("Change Id",
// "Flat Conversion Payout", ...). This reads every documented variant (v1's sample and v2's:
// "Sub Affiliates" maps, "CPM Payout", JSON booleans on goal rows, zero-padded country keys) and
// normalises each row into `offeritCommissionChangeSchema`: the parameter names of
// add_commission_change. A payout key the row leaves out stays absent ("not set", never 0).
import { z } from 'zod';
import { offeritCommissionChangeSchema, type OfferitCommissionChange } from '../records.js';
import { wireDecimal, wireId, wireText } from '../../wire-values.js';
import { formInt } from './form-values.js';
import { offeritEnvelopeSchema } from './envelope.js';

/** Human payout labels and the add_commission_change parameter each one stands for. */
export const OFFERIT_PAYOUT_LABELS = {
  'Page View Payout': 'flat_amount_per_click',
  'Unique Visitor Payout': 'flat_amount_per_visitor',
  'Flat Conversion Payout': 'flat_amount_per_conversion',
  'Flat Continuity Payout': 'flat_amount_per_continuity',
  'Percentage Conversion Payout': 'percentage_of_customer_conversion',
  'Percentage Continuity Payout': 'percentage_of_customer_continuity',
} as const;

/**
 * Sub-affiliate restrictions. v2's documented sample nests them in a "Sub Affiliates" map with
 * these labels; v1 ASSUMED the same labels at the top level of the row. Both are read.
 */
export const OFFERIT_SUBAFF_MAP_LABEL = 'Sub Affiliates';
export const OFFERIT_SUBAFF_LABELS = {
  Subaff: 'subaff',
  'Subaff 2': 'subaff2',
  'Subaff 3': 'subaff3',
  'Subaff 4': 'subaff4',
  'Subaff 5': 'subaff5',
} as const;

/** Payouts with no add_commission_change parameter and no Offerslook twin (read-only). */
export const OFFERIT_EXTRA_PAYOUT_LABELS = { 'CPM Payout': 'cpm_payout' } as const;

/**
 * Goal-row switches (v2 sample: JSON booleans) and the add_commission_change parameter each one
 * is written with. Read as 1/0.
 */
export const OFFERIT_GOAL_FLAG_LABELS = {
  'Pay Affiliate Managers': 'aff_manager_payout',
  'Pay Referring Affiliates': 'aff_referral_payout',
} as const;

const payoutShape = Object.fromEntries(
  Object.keys(OFFERIT_PAYOUT_LABELS).map((label) => [label, wireDecimal.optional()]),
) as Record<keyof typeof OFFERIT_PAYOUT_LABELS, z.ZodOptional<typeof wireDecimal>>;

export const commissionChangeRowSchema = z.looseObject({
  'Change Id': wireId,
  'Start Time': wireText.optional(),
  'End Time': wireText.optional(),
  /**
   * `["All"]`, a list of ISO-2 codes, or a map keyed by numeric country code with ISO-2 values:
   * `{"826":"GB"}` or, zero-padded (v2), `{"004":"AF"}`. Only the values are read.
   */
  Countries: z.union([z.array(z.string()), z.record(z.string(), z.string())]).optional(),
  /** loginid → username; PHP sends an empty map as `[]`. */
  Affiliates: z.union([z.record(z.string(), wireText), z.array(z.never())]).optional(),
  /** Present on goal rows: the goal the change belongs to. */
  offer_goal_id: wireId.optional(),
  /** Not in the documented sample; read when a network sends it. */
  Type: z.string().optional(),
  /** `{"Subaff":"a","Subaff 2":"b",...}`; PHP sends an empty map as `[]`. */
  [OFFERIT_SUBAFF_MAP_LABEL]: z
    .union([z.record(z.string(), wireText), z.array(z.never())])
    .optional(),
  'CPM Payout': wireDecimal.optional(),
  'Pay Affiliate Managers': wireText.optional(),
  'Pay Referring Affiliates': wireText.optional(),
  ...payoutShape,
});

export type CommissionChangeRow = z.output<typeof commissionChangeRowSchema>;

const rowList = z.array(commissionChangeRowSchema);

export const getCommissionChangesResponseSchema = offeritEnvelopeSchema
  .extend({
    message: z.union([z.looseObject({ changes: rowList }).transform((m) => m.changes), rowList]),
  })
  .transform((envelope) => envelope.message);

export const getCommissionChangesParamsSchema = z.strictObject({ offerid: formInt });

/** The answer for offer `offerid`, read into validated commission-change records. */
export function commissionChangesResponseFor(offerid: string) {
  return getCommissionChangesResponseSchema
    .transform((rows) => rows.map((row) => commissionChangeFields(row, offerid)))
    .pipe(z.array(offeritCommissionChangeSchema));
}

/** Normalises one row of offer `offerid` and validates it against the record schema. */
export function normaliseCommissionChange(
  row: CommissionChangeRow,
  offerid: string,
): OfferitCommissionChange {
  return offeritCommissionChangeSchema.parse(commissionChangeFields(row, offerid));
}

function commissionChangeFields(
  row: CommissionChangeRow,
  offerid: string,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const known = new Set<string>([
    'Change Id',
    'Start Time',
    'End Time',
    'Countries',
    'Affiliates',
    'offer_goal_id',
    'Type',
    OFFERIT_SUBAFF_MAP_LABEL,
  ]);
  const labelled = {
    ...OFFERIT_PAYOUT_LABELS,
    ...OFFERIT_EXTRA_PAYOUT_LABELS,
    ...OFFERIT_GOAL_FLAG_LABELS,
  };
  for (const [label, field] of Object.entries(labelled)) {
    known.add(label);
    const value = row[label];
    if (value !== undefined) record[field] = value;
  }
  const subaffMap = row[OFFERIT_SUBAFF_MAP_LABEL];
  const nested = Array.isArray(subaffMap) ? {} : (subaffMap ?? {});
  for (const [label, field] of Object.entries(OFFERIT_SUBAFF_LABELS)) {
    known.add(label);
    // v2's map wins over v1's top-level label when a row carries both.
    const value = nested[label] ?? row[label];
    if (typeof value === 'string' && value !== '') record[field] = value;
  }
  // Keys we do not know stay on the record under their own name: nothing is dropped silently.
  for (const [key, value] of Object.entries(row)) if (!known.has(key)) record[key] = value;

  const affiliates = Array.isArray(row.Affiliates) ? {} : (row.Affiliates ?? {});
  const loginids = Object.keys(affiliates);
  const start = responseTime(row['Start Time']);
  const end = responseTime(row['End Time']);
  Object.assign(record, {
    offerid,
    changeid: row['Change Id'],
    goalid: row.offer_goal_id ?? '0',
    type: changeType(row.Type, start, end, record),
    start_time: start,
    end_time: end,
    countries: countriesOf(row.Countries),
    affiliates,
    ...(loginids.length === 1 ? { loginid: loginids[0] } : {}),
  });
  return record;
}

/** `"Never"` and empty are none; unix seconds become `YYYY-MM-DD HH:MM:SS` UTC. */
export function responseTime(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (text === '' || /^never$/i.test(text) || text === '0') return '';
  if (/^\d+$/.test(text))
    return new Date(Number(text) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return text;
}

/**
 * ISO-2 codes in alphabetical order: a map's order is the JavaScript key order, which differs
 * between `{"826":..}` (integer keys first) and `{"004":..}` (plain strings), and a change must
 * read the same whichever keys the network uses.
 */
function countriesOf(value: CommissionChangeRow['Countries']): string[] {
  const codes = value === undefined ? [] : Array.isArray(value) ? value : Object.values(value);
  return codes
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '' && code !== 'ALL')
    .sort();
}

/**
 * The documented rows carry no type, so it is read back from what they do carry: a time window
 * means `temporary`; payouts that are all zero mean `disable` (which is what disable writes).
 */
function changeType(
  sent: string | undefined,
  start: string,
  end: string,
  record: Record<string, unknown>,
) {
  const named = sent?.trim().toLowerCase();
  if (named === 'standard' || named === 'disable' || named === 'temporary') return named;
  if (start !== '' || end !== '') return 'temporary';
  const payouts = Object.values(OFFERIT_PAYOUT_LABELS)
    .map((field) => record[field])
    .filter((value): value is string => typeof value === 'string' && value !== '');
  return payouts.length > 0 && payouts.every((value) => /^0+(\.0+)?$/.test(value))
    ? 'disable'
    : 'standard';
}
