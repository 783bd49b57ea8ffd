// The baseline: the offerit.offer -> offerslook.offer route written by hand in TypeScript, the
// way one would without a mapping language. It must give exactly what the engine gives for the
// shipped mappings/offer.yaml (the bench checks that before timing anything).
import type {
  ApplyContext,
  LossyField,
  MappingIssue,
  MappingResult,
} from '../../src/mapping/index.js';

type Rec = Record<string, unknown>;

const DECIMAL = /^-?\d+(\.\d+)?$/;
const PAYOUT_TYPES: Record<string, string> = {
  cpa: 'CPA',
  cps: 'CPS',
  click: 'CPC',
  hybrid: 'CPA+CPS',
};
const REVENUE_TYPES: Record<string, string> = {
  conversion: 'RPA',
  dynamic_conversion: 'RPA',
  sale: 'RPS',
  click: 'RPC',
  unique: 'RPC',
};
const PROTOCOLS: Record<string, number> = { image: 1, post: 2, iframe: 3 };
const LOSSY: [string, string][] = [
  ['featured', 'Offerslook offers have no featured flag'],
  ['flat_amount_per_visitor', "Offerslook's base event has no unique-click payout"],
  ['flat_amount_per_continuity', 'Offerslook has no continuity (rebill) payout'],
  ['percentage_of_customer_continuity', 'Offerslook has no continuity (rebill) payout'],
  [
    'landing_pages',
    'Offerslook offers have one destination URL; extra landing pages are not copied',
  ],
];

function amount(
  field: string,
  input: string,
  value: unknown,
  issues: MappingIssue[],
): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text =
    typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : undefined;
  if (text === '') return '-1';
  if (text === undefined || !DECIMAL.test(text)) {
    issues.push({
      field,
      code: 'INVALID_DECIMAL',
      message: `${input} ${JSON.stringify(value)} is not a decimal number`,
    });
    return undefined;
  }
  return text;
}

function unixDate(
  field: string,
  input: string,
  value: unknown,
  issues: MappingIssue[],
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || text.toLowerCase() === 'never') return 0;
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (!match) {
    issues.push({ field, code: 'INVALID_DATE', message: `${input}: "${text}" is not a date` });
    return undefined;
  }
  return (
    Date.UTC(
      +match[1]!,
      +match[2]! - 1,
      +match[3]!,
      +(match[4] ?? 0),
      +(match[5] ?? 0),
      +(match[6] ?? 0),
    ) / 1000
  );
}

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === '0' || value === '-1')
    return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string')
    return !/^-?0+(\.0+)?$/.test(value) && value.toLowerCase() !== 'never';
  return true;
}

const countries = (value: unknown) =>
  (value as string[]).map((code) => code.trim().toUpperCase()).filter((code) => code !== '');

export function handWrittenOfferToOfferslook(offer: Rec, ctx: ApplyContext): MappingResult {
  const issues: MappingIssue[] = [];
  const out: Rec = {};
  const baseEvent: Rec = {};
  if (offer.name !== undefined) out.name = offer.name;
  if (offer.offer_description !== undefined) out.description = offer.offer_description;
  if (offer.preview_url !== undefined) out.preview_url = offer.preview_url;
  if (typeof offer.url === 'string')
    out.destination_url = offer.url.replaceAll('%%click_hash%%', '{click_id}');
  const start = unixDate('start_date', 'date_live', offer.date_live, issues);
  if (start !== undefined) out.start_date = start;
  const end = unixDate('end_date', 'date_expire', offer.date_expire, issues);
  if (end !== undefined) out.end_date = end;
  if (offer.active === '1') out.status = 'active';
  else if (offer.active === '0') out.status = 'paused';
  if (offer.hidden !== undefined) baseEvent.is_private = offer.hidden === '1' ? 1 : 0;

  const authorized = Array.isArray(offer.authorized) && offer.authorized.length > 0;
  const unauthorized = Array.isArray(offer.unauthorized) && offer.unauthorized.length > 0;
  if (authorized) out.offer_geo = { type: 1, countries: countries(offer.authorized) };
  else if (unauthorized) out.offer_geo = { type: 2, countries: countries(offer.unauthorized) };

  if (typeof offer.advertiserid === 'string' && offer.advertiserid !== '') {
    const linked = ctx.resolve('advertiser', offer.advertiserid);
    if (linked !== undefined) out.advertiser_id = linked;
    else
      issues.push({
        field: 'advertiser_id',
        code: 'UNRESOLVED_LINK',
        message: `no advertiser link for offerit id "${offer.advertiserid}" (advertiserid)`,
      });
  }
  const costType = offer.advertiser_cost_type as string | undefined;
  if (costType !== undefined && costType !== '') out.revenue_type = REVENUE_TYPES[costType];
  const revenue = amount('revenue', 'advertiser_cost_flat', offer.advertiser_cost_flat, issues);
  if (revenue !== undefined) out.revenue = revenue;
  const percentRevenue = amount(
    'percent_revenue',
    'advertiser_cost_perc',
    offer.advertiser_cost_perc,
    issues,
  );
  if (percentRevenue !== undefined) out.percent_revenue = percentRevenue;

  const commissionType = offer.commission_type as string | undefined;
  if (commissionType !== undefined && commissionType !== '') {
    const payoutType = PAYOUT_TYPES[commissionType];
    if (payoutType) out.payout_type = payoutType;
    else {
      issues.push({
        field: 'payout_type',
        code: 'UNMAPPABLE',
        message: `commission_type "${commissionType}" has no twin in payout_type (mapped values: cpa, cps, click, hybrid)`,
      });
    }
  }
  const payout =
    commissionType === 'click'
      ? amount('payout', 'flat_amount_per_click', offer.flat_amount_per_click, issues)
      : amount('payout', 'flat_amount_per_conversion', offer.flat_amount_per_conversion, issues);
  if (payout !== undefined) out.payout = payout;
  const percentPayout = amount(
    'percent_payout',
    'percentage_of_customer_conversion',
    offer.percentage_of_customer_conversion,
    issues,
  );
  if (percentPayout !== undefined) out.percent_payout = percentPayout;

  const protocol = PROTOCOLS[offer.conversion_type as string];
  if (protocol !== undefined) baseEvent.conversion_protocol = protocol;
  const lockout = offer.pending_approval_lockout;
  // Lockouts are whole seconds, so a Number comparison is exact here.
  if (lockout !== undefined && lockout !== '')
    baseEvent.approve_conversions =
      typeof lockout === 'string' && DECIMAL.test(lockout) && Number(lockout) > 0 ? 1 : 0;
  if (Object.keys(baseEvent).length > 0) out.base_event = baseEvent;
  out.offer_approval = 2;
  if (typeof offer.offerid === 'string' || typeof offer.offerid === 'number')
    out.advertiser_offer_id = String(offer.offerid);

  for (const field of ['name', 'advertiser_id', 'offer_approval', 'revenue_type', 'payout_type']) {
    if (out[field] === undefined && !issues.some((issue) => issue.field === field)) {
      issues.push({
        field,
        code: 'REQUIRED_MISSING',
        message: `${field} is required to create the record but the source has no value for it`,
      });
    }
  }
  const lossy: LossyField[] = [];
  for (const [field, reason] of LOSSY) if (hasValue(offer[field])) lossy.push({ field, reason });
  return { value: out, issues, lossy };
}
