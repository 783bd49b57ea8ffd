// set_offer_goals (ASSUMED semantics, see wire/goals.ts): entries with offer_goal_id update the
// fields they carry, entries with only goal_id attach a new goal, other goals are kept. All
// entries are checked before any is applied, so a refused request changes nothing.
import type { z } from 'zod';
import type { goalVarsSchema } from '../../../platforms/offerit/wire/index.js';
import { money, type StoredGoal } from '../model.js';
import { invalid, notFound } from '../sandbox-failure.js';
import type { OfferitSandboxState } from '../state.js';
import { addDefaultChange } from './commissions.js';

type GoalVars = z.output<typeof goalVarsSchema>;

/**
 * Applies `goalVars` to the offer and returns its goals. `createMissing` (fixtures only) turns an
 * unknown offer_goal_id into a new goal with that id.
 */
export function setOfferGoals(
  state: OfferitSandboxState,
  offerid: string,
  goalVars: readonly GoalVars[],
  createMissing = false,
): StoredGoal[] {
  const offer = state.offer(offerid);
  const plan = goalVars.map((vars, index) => {
    const existing =
      vars.offer_goal_id === undefined
        ? undefined
        : offer.goals.find((goal) => goal.offer_goal_id === vars.offer_goal_id);
    if (vars.offer_goal_id !== undefined && !existing && !createMissing) {
      throw notFound(
        `Invalid goal_vars[${index}][offer_goal_id]: offer ${offerid} has no goal ${vars.offer_goal_id}`,
      );
    }
    if (!existing && vars.goal_id === undefined)
      throw invalid(`goal_vars[${index}][goal_id] is required for a new goal`);
    if (!existing && (vars.name === undefined || vars.name === '')) {
      throw invalid(`goal_vars[${index}][name] is required for a new goal`);
    }
    return { vars, existing };
  });
  for (const { vars, existing } of plan) {
    if (existing) {
      applyGoalFields(existing, vars);
      continue;
    }
    const offerGoalId = vars.offer_goal_id ?? state.nextId('offerGoal');
    state.claimId('offerGoal', offerGoalId);
    const goal: StoredGoal = {
      offer_goal_id: offerGoalId,
      goal_id: vars.goal_id ?? '',
      name: '',
      commission_type: '',
      amount: '',
      revenue_type: '',
      revenue_amount: '',
    };
    applyGoalFields(goal, vars);
    offer.goals.push(goal);
    addDefaultChange(state, offerid, offerGoalId);
  }
  return offer.goals;
}

export function renderGoal(goal: StoredGoal): Record<string, string> {
  return { ...goal };
}

function applyGoalFields(goal: StoredGoal, vars: GoalVars): void {
  if (vars.goal_id !== undefined) goal.goal_id = vars.goal_id;
  if (vars.name !== undefined) goal.name = vars.name;
  if (vars.commission_type !== undefined) goal.commission_type = vars.commission_type;
  if (vars.amount !== undefined) goal.amount = money(vars.amount);
  if (vars.revenue_type !== undefined) goal.revenue_type = vars.revenue_type;
  if (vars.revenue_amount !== undefined) goal.revenue_amount = money(vars.revenue_amount);
}
