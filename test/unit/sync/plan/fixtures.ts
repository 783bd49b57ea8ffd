// Shared builders for planner tests: an Offerit -> Offerslook offer route in miniature.
import type { Link, LinkSide } from '../../../../src/store/index.js';
import type { FieldPolicy, PlanInput } from '../../../../src/sync/plan/index.js';

export const OFFERIT_KEY = { kind: 'offer' as const, id: '400' };
export const OFFERSLOOK_KEY = { kind: 'offer' as const, id: '7' };

export const FIELDS: FieldPolicy[] = [
  { target: 'name', sync: 'always' },
  { target: 'payout', sync: 'always' },
  { target: 'percent_payout', sync: 'always' },
  { target: 'currency', sync: 'once' },
  { target: 'description', sync: 'never' },
  { target: 'base_event.conversion_protocol', sync: 'always' },
];

export function link(offerit: Partial<LinkSide> = {}, offerslook: Partial<LinkSide> = {}): Link {
  return {
    kind: 'offer',
    offerit: { key: OFFERIT_KEY, ...offerit },
    offerslook: { key: OFFERSLOOK_KEY, ...offerslook },
    version: 1,
  };
}

/** A planning input for offerit -> offerslook with a linked, unchanged-looking history. */
export function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    kind: 'offer',
    direction: { from: 'offerit', to: 'offerslook' },
    mapped: {
      name: 'Summer',
      payout: '2.80',
      percent_payout: '5',
      currency: 'USD',
      description: 'new text',
    },
    fields: FIELDS,
    conflictPolicy: 'newest-wins',
    sourceHash: 'source-now',
    targetHash: 'target-now',
    ...overrides,
  };
}
