// Parameters of `POST /offer/add_offer` (seed 001, every documented field) and
// `PATCH /offer/edit_offer` (seed 004: `offerid` plus any add_offer field). Unknown
// parameters are refused so that a typo fails loudly instead of being ignored.
import { z } from 'zod';
import {
  OFFERIT_ADVERTISER_COST_TYPES,
  OFFERIT_COMMISSION_TYPES,
  OFFERIT_CONVERSION_TYPES,
} from '../records.js';
import {
  formBool,
  formChoice,
  formCountries,
  formDate,
  formDecimal,
  formEnum,
  formInt,
  formList,
  formScalar,
  formText,
} from './form-values.js';

/** A commission type is a name or, as seed 001 sends (`201`), a numeric type id. */
export const formCommissionType = formScalar(
  (text) =>
    text === '' ||
    (OFFERIT_COMMISSION_TYPES as readonly string[]).includes(text) ||
    /^\d+$/.test(text),
  `expected one of ${OFFERIT_COMMISSION_TYPES.join(', ')} or a numeric type id`,
);

/** The six commission amounts an offer, a goal change or a commission change carries. */
export const payoutParams = {
  flat_amount_per_click: formDecimal.optional(),
  flat_amount_per_visitor: formDecimal.optional(),
  flat_amount_per_conversion: formDecimal.optional(),
  flat_amount_per_continuity: formDecimal.optional(),
  percentage_of_customer_conversion: formDecimal.optional(),
  percentage_of_customer_continuity: formDecimal.optional(),
};

/** Every add_offer field except `name` and `url`, all optional. */
const offerFields = {
  // Offer
  offer_description: formText.optional(),
  hidden: formBool.optional(),
  date_live: formDate.optional(),
  date_expire: formDate.optional(),
  featured: formBool.optional(),
  expire_url: formText.optional(),
  expire_landing_pageid: formText.optional(),
  no_personal_member_info: formText.optional(),
  subject_lines: formText.optional(),
  from_addresses: formText.optional(),
  ip_lookup: formBool.optional(),
  ip_uniqueness_seconds: formInt.optional(),
  offer_groups: formList.optional(),
  marketing_types: formList.optional(),
  categories: formList.optional(),
  authorized: formCountries.optional(),
  unauthorized: formCountries.optional(),
  // Advertiser
  advertiserid: formInt.optional(),
  advertiser_cost_type: formEnum(OFFERIT_ADVERTISER_COST_TYPES).optional(),
  advertiser_cost_flat: formDecimal.optional(),
  advertiser_cost_perc: formDecimal.optional(),
  // Fraud prevention
  ip_conversion_limit_flag: formChoice(['0', '1', '2'], 'expected 0, 1 or 2').optional(),
  ip_conversion_limit: formInt.optional(),
  ip_conversion_group: formInt.optional(),
  prevent_cookie_dupes: formBool.optional(),
  pending_approval_lockout: formInt.optional(),
  // Revenue
  conversion_default: formDecimal.optional(),
  conversion_default_type: formChoice(['1', '2'], 'expected 1 (revenue) or 2 (gross)').optional(),
  continuity_default: formDecimal.optional(),
  continuity_default_type: formChoice(['1', '2'], 'expected 1 (revenue) or 2 (gross)').optional(),
  // Commission
  percentage_commission_source: formChoice(
    ['0', '1'],
    'expected 0 (revenue) or 1 (gross)',
  ).optional(),
  hide_payout_string: formBool.optional(),
  commission_description: formText.optional(),
  commission_type: formCommissionType.optional(),
  ...payoutParams,
  retro_payout: formBool.optional(),
  hide_deductions: formBool.optional(),
  hide_continuities: formBool.optional(),
  hide_conversions: formBool.optional(),
  deduct_voids: formBool.optional(),
  deduct_chargebacks: formBool.optional(),
  min_deduct_date: formDate.optional(),
  deduct_window: formInt.optional(),
  // Landing page
  preview_url: formText.optional(),
  tracking_domain: formText.optional(),
  thumb_url: formText.optional(),
  force_url: formText.optional(),
  language: formInt.optional(),
  conversion_type: formEnum(OFFERIT_CONVERSION_TYPES).optional(),
  postback_ips: formText.optional(),
  hostnpost_ips: formText.optional(),
  void_ips: formText.optional(),
  private: formBool.optional(),
  requestable: formBool.optional(),
  internal_desc: formText.optional(),
  redirect_hash: formText.optional(),
  disable_url_sanitization: formBool.optional(),
  disable_deep_linking: formBool.optional(),
};

const required = (what: string) => ({ error: `${what} is required` });

export const addOfferParamsSchema = z.strictObject({
  name: z.string(required('name')).trim().min(1, required('name')),
  url: z.string(required('url')).trim().min(1, required('url')),
  ...offerFields,
});

export const editOfferParamsSchema = z.strictObject({
  offerid: formInt,
  name: z.string().trim().min(1, { error: 'name cannot be empty' }).optional(),
  url: z.string().trim().min(1, { error: 'url cannot be empty' }).optional(),
  ...offerFields,
});

export const pauseOfferParamsSchema = z.strictObject({
  offerid: formInt,
  date_expire: formDate.optional(),
});

export const activateOfferParamsSchema = z.strictObject({ offerid: formInt });

/** The add_offer field names: what a record may carry into add_offer and edit_offer. */
export const OFFERIT_OFFER_PARAM_NAMES: readonly string[] = Object.keys(addOfferParamsSchema.shape);

export type AddOfferParams = z.input<typeof addOfferParamsSchema>;
export type EditOfferParams = z.input<typeof editOfferParamsSchema>;
export type PauseOfferParams = z.input<typeof pauseOfferParamsSchema>;
export type ActivateOfferParams = z.input<typeof activateOfferParamsSchema>;
