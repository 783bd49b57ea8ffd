// Undoing a reconcile run on its target: plan field by field (GET only), then write back.
export { planRevert, executeRevert, countsOf, RevertRefusedError } from './run-revert.js';
export type { RevertDeps, RevertPlan, RevertRoute } from './run-revert.js';
export { planEntity, planField } from './plan-revert.js';
export type * from './revert-types.js';
