// `PATCH /offer/set_offer_goals`. ASSUMED semantics (no public page documents them): an entry
// with `offer_goal_id` updates only the fields it carries; an entry with `goal_id` and no
// `offer_goal_id` attaches a new goal; goals not mentioned are kept. ASSUMED answer:
// `{"goals":[{"offer_goal_id":"48","goal_id":"1","name":"..."}]}`, every goal of the offer.
import { z } from 'zod';
import {
  OFFERIT_GOAL_COMMISSION_TYPES,
  OFFERIT_GOAL_REVENUE_TYPES,
  offeritGoalSchema,
} from '../records.js';
import { formDecimal, formEnum, formInt } from './form-values.js';
import { offeritEnvelopeSchema } from './envelope.js';

export const goalVarsSchema = z
  .strictObject({
    goal_id: formInt.optional(),
    offer_goal_id: formInt.optional(),
    name: z
      .string({ error: 'expected text' })
      .trim()
      .min(1, { error: 'name cannot be empty' })
      .optional(),
    commission_type: formEnum(OFFERIT_GOAL_COMMISSION_TYPES).optional(),
    amount: formDecimal.optional(),
    revenue_type: formEnum(OFFERIT_GOAL_REVENUE_TYPES).optional(),
    revenue_amount: formDecimal.optional(),
  })
  .refine((goal) => goal.goal_id !== undefined || goal.offer_goal_id !== undefined, {
    error: 'each goal needs goal_id (new goal) or offer_goal_id (existing goal)',
  });

export const setOfferGoalsParamsSchema = z.strictObject({
  offerid: formInt,
  goal_vars: z
    .array(goalVarsSchema, { error: 'expected goal_vars[0][...], a list of goals' })
    .min(1, {
      error: 'goal_vars needs at least one goal',
    }),
});

const goalList = z.union([
  z.array(offeritGoalSchema),
  // PHP may key the list by offer_goal_id.
  z.record(z.string(), offeritGoalSchema).transform((goals) => Object.values(goals)),
]);

/** Tolerant: `message.goals`, or the list itself as `message`. */
export const setOfferGoalsResponseSchema = offeritEnvelopeSchema
  .extend({
    message: z.union([z.looseObject({ goals: goalList }).transform((m) => m.goals), goalList]),
  })
  .transform((envelope) => envelope.message);

export type SetOfferGoalsParams = z.input<typeof setOfferGoalsParamsSchema>;
export type GoalVars = z.input<typeof goalVarsSchema>;
