// Parameters of `POST /offer/add_commission_change` (seed 003) and
// `PATCH /offer/set_commission_change_payouts` (changeid 0 = the default change).
import { z } from 'zod';
import { OFFERIT_CHANGE_TYPES } from '../records.js';
import { formBool, formCountries, formDate, formInt, formText } from './form-values.js';
import { payoutParams } from './offer-params.js';
import { offeritEnvelopeSchema } from './envelope.js';
import { wireId } from '../../wire-values.js';

export const addCommissionChangeParamsSchema = z.strictObject({
  offerid: formInt,
  type: z.enum(OFFERIT_CHANGE_TYPES, {
    error: `expected one of ${OFFERIT_CHANGE_TYPES.join(', ')}`,
  }),
  username: formText.optional(),
  loginid: formInt.optional(),
  countries: formCountries.optional(),
  subaff: formText.optional(),
  subaff2: formText.optional(),
  subaff3: formText.optional(),
  subaff4: formText.optional(),
  subaff5: formText.optional(),
  start_time: formDate.optional(),
  end_time: formDate.optional(),
  /** The offer_goal_id; 0 (default) is the offer's own commission. */
  goalid: formInt.optional(),
  ...payoutParams,
  aff_manager_payout: formBool.optional(),
  aff_referral_payout: formBool.optional(),
  offer_partner_payout: formBool.optional(),
});

/** `"changes_saved"` and a top-level `"changeid": 59` (seed 003); tolerant of it under `message`. */
export const addCommissionChangeResponseSchema = offeritEnvelopeSchema
  .extend({ changeid: wireId.optional() })
  .transform((envelope, ctx) => {
    const nested = envelope.message as { changeid?: unknown } | undefined;
    const candidate =
      envelope.changeid ?? (nested && typeof nested === 'object' ? nested.changeid : undefined);
    const parsed = wireId.safeParse(candidate);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'the answer carries no changeid' });
      return z.NEVER;
    }
    return { changeid: parsed.data };
  });

export const setCommissionChangePayoutsParamsSchema = z.strictObject({
  offerid: formInt,
  changeid: formInt,
  goalid: formInt.optional(),
  ...payoutParams,
});

export type AddCommissionChangeParams = z.input<typeof addCommissionChangeParamsSchema>;
export type SetCommissionChangePayoutsParams = z.input<
  typeof setCommissionChangePayoutsParamsSchema
>;
