// Offerslook's other lists, classified from the raw `data` (contract section 2): offer events
// (flat, seed 000's shape), affiliate payouts (flat with `affiliate_tier` nested, or seed 002's
// side-by-side `{affiliate_payout, affiliate_tier}`) and affiliates (flat). Pure.
import {
  affiliateWireSchema,
  offerEventWireSchema,
  offerslookAffiliatePayoutSchema,
  offerslookAffiliateTierSchema,
} from '../../platforms/offerslook/index.js';
import { listRows, type OfferRowsVerdict } from './offerslook-offers.js';
import { statusCase, timestampForms } from './offerslook-forms.js';
import { describeShape, extraKeys, isObject } from './shape.js';

type Row = Record<string, unknown>;

function firstOdd(rows: readonly Row[], fits: (row: Row) => boolean, what: string) {
  const index = rows.findIndex((row) => !fits(row));
  return index < 0
    ? undefined
    : {
        ok: false as const,
        problem: `${what} (data.rowset[${index}]: ${describeShape(rows[index])})`,
      };
}

/** `GET /v1/offers/{id}/offer_events`. */
export function classifyEventRows(data: unknown): OfferRowsVerdict {
  const listed = listRows(data);
  if (!listed.ok) return listed;
  const { rows } = listed;
  const odd = firstOdd(
    rows,
    (row) => 'id' in row && 'name' in row,
    'rows are not offer events: no id and name',
  );
  if (odd) return odd;
  return {
    ok: true,
    variant: {
      rows: rows.length === 0 ? 'empty' : 'flat',
      status: statusCase(rows),
      timestamps: timestampForms(rows, ['create_time', 'update_time']),
    },
  };
}

/** Where a payout row keeps its payout fields. */
function payoutForm(row: Row): 'flat' | 'side by side' | 'other' {
  if (isObject(row.affiliate_payout)) return 'side by side';
  return 'id' in row && 'offer_id' in row ? 'flat' : 'other';
}

/** `GET /v1/affiliate_payouts`. */
export function classifyPayoutRows(data: unknown): OfferRowsVerdict {
  const listed = listRows(data);
  if (!listed.ok) return listed;
  const { rows } = listed;
  const odd = firstOdd(
    rows,
    (row) => payoutForm(row) !== 'other',
    'rows are neither flat payouts nor {affiliate_payout, affiliate_tier}',
  );
  if (odd) return odd;
  const forms = [...new Set(rows.map(payoutForm))].sort();
  const payouts = rows.map((row) =>
    payoutForm(row) === 'flat' ? row : (row.affiliate_payout as Row),
  );
  return {
    ok: true,
    variant: {
      rows: forms.length === 0 ? 'empty' : forms.join('+'),
      tiers: rows.some((row) => isObject(row.affiliate_tier) || isObject(payoutsTier(row)))
        ? 'nested'
        : 'none',
      timestamps: timestampForms(payouts, ['create_time']),
    },
  };
}

function payoutsTier(row: Row): unknown {
  return isObject(row.affiliate_payout) ? row.affiliate_payout.affiliate_tier : undefined;
}

/** `GET /v1/affiliates`. */
export function classifyAffiliateRows(data: unknown): OfferRowsVerdict {
  const listed = listRows(data);
  if (!listed.ok) return listed;
  const { rows } = listed;
  const odd = firstOdd(rows, (row) => 'id' in row, 'rows are not affiliates: no id');
  if (odd) return odd;
  return {
    ok: true,
    variant: { rows: rows.length === 0 ? 'empty' : 'flat', status: statusCase(rows) },
  };
}

export function unexpectedEventKeys(rows: readonly unknown[]): string[] {
  return extraKeys(rows, Object.keys(offerEventWireSchema.shape));
}

export function unexpectedPayoutKeys(rows: readonly unknown[]): string[] {
  const payouts = rows.map((row) =>
    isObject(row) && isObject(row.affiliate_payout) ? row.affiliate_payout : row,
  );
  const tiers = rows.flatMap((row) => {
    if (!isObject(row)) return [];
    const tier = row.affiliate_tier ?? payoutsTier(row);
    return isObject(tier) ? [tier] : [];
  });
  const sideBySide = rows.filter((row) => isObject(row) && isObject(row.affiliate_payout));
  return [
    ...extraKeys(payouts, Object.keys(offerslookAffiliatePayoutSchema.shape)),
    ...extraKeys(sideBySide, ['affiliate_payout', 'affiliate_tier']),
    ...extraKeys(tiers, Object.keys(offerslookAffiliateTierSchema.shape), 'affiliate_tier.'),
  ];
}

export function unexpectedAffiliateRowKeys(rows: readonly unknown[]): string[] {
  return extraKeys(rows, Object.keys(affiliateWireSchema.shape));
}
