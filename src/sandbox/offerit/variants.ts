// The Offerit sandbox's answer variants. Where the platform contract lists several ways a real
// network may answer, the sandbox answers each one, chosen by a switch. The presets are the
// contract's versions: `v1` answers as version 1 described, `v2` as version 2 documents (the
// default: where they differ, v2 stands). `POST /__sandbox/settings` takes
// `{"answers":"v1"|"v2"}` (a preset; switches not named go back to it) and/or
// `{"variants":{...}}` (single switches on top of what is in force).
import { z } from 'zod';
import type { VariantSettings } from '../common/index.js';

const DETAILS_VARIANTS = ['by-id', 'list', 'offers-by-id', 'offers-list'] as const;
/** How get_details shapes `message` (every ASSUMED variant the client must read). */
export type DetailsVariant = (typeof DETAILS_VARIANTS)[number];

export const offeritVariantsSchema = z.strictObject({
  /** get_details' `message`: keyed by offer id, a list, or either under `message.offers`. */
  detailsVariant: z.enum(DETAILS_VARIANTS),
  /**
   * get_details' column names: `add-offer` (v1: seed 001's names, payouts included) or
   * `documented` (v2: the return_columns vocabulary, `cost_type` for `advertiser_cost_type`,
   * `authorized_countries_iso` for `authorized`, ..., and no add_offer payout column).
   */
  detailColumns: z.enum(['add-offer', 'documented']),
  /**
   * Whether get_details answers only the `return_columns` asked for. v1 `ignored`: the contract
   * reads add_offer names only from a server that ignores the list.
   */
  returnColumns: z.enum(['ignored', 'honoured']),
  /** `missing`: an install from before mid-2020, which answers get_details 404 "invalid endpoint". */
  getDetails: z.enum(['available', 'missing']),
  /** affiliate/search: inside a success envelope (v1) or the bare object keyed by loginid (v2). */
  affiliateSearch: z.enum(['envelope', 'bare']),
  /**
   * How a wrong api-key/api-username (or an IP not on ADMIN_API_ALLOWED_IPS) is answered:
   * HTTP 401 or 403, 400 or 404, or 200 with a Failure envelope.
   */
  badCredentials: z.enum(['401', '403', '400', '404', '200-failure']),
  /** activate_offer's `result` word: `Success` (v1) or the documented lower-case `success` (v2). */
  activateResult: z.enum(['Success', 'success']),
  /** get_commission_changes' country keys: numeric (`"4"`, `"826"`) or zero-padded (`"004"`). */
  countryKeys: z.enum(['numeric', 'padded']),
  /** Sub-affiliates: top-level "Subaff", "Subaff 2" labels (v1) or a "Sub Affiliates" map (v2). */
  subAffiliates: z.enum(['labels', 'map']),
  /** Goal rows' "Pay Affiliate Managers" / "Pay Referring Affiliates": left out, or JSON booleans. */
  goalRowFlags: z.enum(['omitted', 'booleans']),
  /** The offer's default row (Change Id 0): without payouts (v1 sample) or with the offer's own. */
  defaultRowPayouts: z.enum(['none', 'offer']),
});

export type OfferitVariants = z.output<typeof offeritVariantsSchema>;
export type OfferitAnswers = 'v1' | 'v2';

export const OFFERIT_PRESETS: Readonly<Record<OfferitAnswers, Readonly<OfferitVariants>>> = {
  v1: {
    detailsVariant: 'by-id',
    detailColumns: 'add-offer',
    returnColumns: 'ignored',
    getDetails: 'available',
    affiliateSearch: 'envelope',
    badCredentials: '401',
    activateResult: 'Success',
    countryKeys: 'numeric',
    subAffiliates: 'labels',
    goalRowFlags: 'omitted',
    defaultRowPayouts: 'none',
  },
  v2: {
    detailsVariant: 'by-id',
    detailColumns: 'documented',
    returnColumns: 'honoured',
    getDetails: 'available',
    affiliateSearch: 'bare',
    // Any of 400, 404, 200-failure fits the documented status codes; 400 is the first listed.
    badCredentials: '400',
    activateResult: 'success',
    countryKeys: 'padded',
    subAffiliates: 'map',
    goalRowFlags: 'booleans',
    defaultRowPayouts: 'offer',
  },
};

const answersSchema = z.enum(['v1', 'v2'], { error: 'expected "v1" or "v2"' });
const switchesSchema = offeritVariantsSchema.partial();

export interface OfferitVariantSettings extends VariantSettings {
  current(): OfferitVariants;
}

/** Variants starting from preset `answers` (default v2) with `variants` on top. */
export function createOfferitVariants(
  start: { answers?: unknown; variants?: unknown } = {},
): OfferitVariantSettings {
  let inForce: OfferitVariants = { ...OFFERIT_PRESETS.v2 };
  const settings: OfferitVariantSettings = {
    apply(change) {
      // Everything is checked before anything changes: a bad switch leaves the others alone.
      const base =
        change.answers === undefined
          ? inForce
          : OFFERIT_PRESETS[check(answersSchema, change.answers, 'answers')];
      const switches =
        change.variants === undefined ? {} : check(switchesSchema, change.variants, 'variants');
      inForce = { ...base, ...definedOnly(switches) };
    },
    current: () => ({ ...inForce }),
  };
  settings.apply(start);
  return settings;
}

function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown variant ${issue.keys.join(', ')} (known: ${Object.keys(offeritVariantsSchema.shape).join(', ')})`;
    }
    const path = [where, ...issue.path.map(String)].join('.');
    return `${path}: ${issue.message}`;
  });
  throw new Error(`offerit sandbox ${problems.join('; ')}`);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
