// Fixtures for the sandbox: `{offers, affiliates, advertisers, commissionChanges}`. Offers look
// like get_details records under add_offer names (goals included), changes like the normalised
// commission-change records.
// Every fixture goes through the same checks as the API call that would create it, and an error
// names the fixture and the field.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  OFFERIT_CHANGE_TYPES,
  addCommissionChangeParamsSchema,
  addOfferParamsSchema,
  formatParamIssues,
  goalVarsSchema,
} from '../../platforms/offerit/index.js';
import { wireDecimal, wireId, wireText } from '../../platforms/wire-values.js';
import type { StoredAffiliate } from './model.js';
import { createOffer } from './handlers/offers.js';
import { setOfferGoals } from './handlers/goals.js';
import { addCommissionChange } from './handlers/commissions.js';
import { renderOffer } from './handlers/offers.js';
import { renderAffiliate } from './handlers/affiliates.js';
import type { OfferitSandboxState } from './state.js';

const offerFixture = z.looseObject({
  offerid: wireId,
  landing_pageid: wireId.optional(),
  active: z.enum(['0', '1']).optional(),
  date_added: z.string().optional(),
  goals: z.array(z.record(z.string(), z.unknown())).optional(),
});
const affiliateFixture = z.looseObject({
  loginid: wireId,
  username: z.string().min(1),
  email: z.string().optional(),
  password: z.string().optional(),
  api_key: z.string().optional(),
});
const changeFixture = z.looseObject({
  offerid: wireId,
  changeid: wireId.optional(),
  type: z.enum(OFFERIT_CHANGE_TYPES).default('standard'),
  affiliates: z.record(z.string(), z.string()).optional(),
  /** "CPM Payout": no endpoint writes it, so only fixtures set it. */
  cpm_payout: wireDecimal.optional(),
});
const advertiserFixture = z.object({ advertiserid: wireId, username: z.string().min(1) });

export const offeritFixturesSchema = z.object({
  offers: z.array(offerFixture).default([]),
  affiliates: z.array(affiliateFixture).default([]),
  /** Only what get_details' `advertiser_username` lookup and column need. */
  advertisers: z.array(advertiserFixture).default([]),
  commissionChanges: z.array(changeFixture).default([]),
});

export type OfferitFixtures = z.input<typeof offeritFixturesSchema>;
export type OfferitSnapshot = {
  offers: Record<string, unknown>[];
  affiliates: Record<string, string>[];
  advertisers: { advertiserid: string; username: string }[];
  commissionChanges: Record<string, unknown>[];
};

const OFFER_READ_ONLY = [
  'offerid',
  'landing_pageid',
  'active',
  'date_added',
  'goals',
  'landing_pages',
];
const CHANGE_READ_ONLY = ['changeid', 'affiliates', 'cpm_payout'];

export function seedOfferitState(state: OfferitSandboxState, input: unknown): void {
  const fixtures = check(offeritFixturesSchema, input, 'fixtures');
  fixtures.affiliates.forEach((fixture, index) => {
    const { loginid, username, email, password, api_key, ...rest } = fixture;
    const extra = Object.fromEntries(
      Object.entries(rest).map(([key, value]) => [
        key,
        check(wireText, value, `affiliates[${index}].${key}`),
      ]),
    );
    const affiliate: StoredAffiliate = {
      loginid,
      username,
      email: email ?? '',
      extra,
      password: password ?? fakePasswordHash(username),
      api_key: api_key ?? fakeApiKey(loginid, username),
    };
    state.affiliates.set(loginid, affiliate);
  });
  for (const advertiser of fixtures.advertisers)
    state.advertisers.set(advertiser.advertiserid, advertiser);
  fixtures.offers.forEach((fixture, index) => {
    const where = `offers[${index}] (offerid ${fixture.offerid})`;
    const params = check(addOfferParamsSchema, without(fixture, OFFER_READ_ONLY), where);
    createOffer(state, params, {
      offerid: fixture.offerid,
      ...(fixture.landing_pageid ? { landing_pageid: fixture.landing_pageid } : {}),
      ...(fixture.date_added ? { date_added: fixture.date_added } : {}),
      active: fixture.active ?? '1',
    });
    const goals = (fixture.goals ?? []).map((goal, goalIndex) =>
      check(goalVarsSchema, without(goal, ['offerid']), `${where}.goals[${goalIndex}]`),
    );
    if (goals.length > 0) setOfferGoals(state, fixture.offerid, goals, true);
  });
  fixtures.commissionChanges.forEach((fixture, index) => {
    const where = `commissionChanges[${index}]`;
    const loginids = Object.keys(fixture.affiliates ?? {});
    const params = check(
      addCommissionChangeParamsSchema,
      {
        ...(loginids.length === 1 ? { loginid: loginids[0] } : {}),
        ...without(fixture, CHANGE_READ_ONLY),
      },
      where,
    );
    addCommissionChange(state, params, {
      ...(fixture.changeid === undefined ? {} : { changeid: fixture.changeid }),
      ...(fixture.cpm_payout === undefined ? {} : { cpm_payout: fixture.cpm_payout }),
    });
  });
}

export function snapshotOfferitState(state: OfferitSandboxState): OfferitSnapshot {
  const offers = [...state.offers.values()].map((offer) => {
    const { landing_pages: _pages, ...record } = renderOffer(offer);
    return { ...record, landing_pageid: offer.landing_pageid };
  });
  const affiliates = [...state.affiliates.values()].map((affiliate) => {
    const { password: _password, api_key: _apiKey, ...record } = renderAffiliate(affiliate);
    return record;
  });
  const commissionChanges = state.changes
    .filter((change) => change.changeid !== '0')
    .map(({ payouts, subaffs, affiliates, flags, ...change }) => ({
      ...change,
      ...(Object.keys(affiliates).length === 1 ? { loginid: Object.keys(affiliates)[0] } : {}),
      ...subaffs,
      ...flags,
      ...(change.type === 'disable' ? {} : payouts),
    }));
  const advertisers = [...state.advertisers.values()].map((advertiser) => ({ ...advertiser }));
  return { offers, affiliates, advertisers, commissionChanges };
}

function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `offerit sandbox fixture ${where}: ${formatParamIssues(parsed.error.issues, value)}`,
    );
  return parsed.data;
}

function without(
  record: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** Shaped like a bcrypt hash; derived from the username so fixtures stay reproducible. */
function fakePasswordHash(username: string): string {
  return `$2y$10$${createHash('sha256').update(`password:${username}`).digest('base64url').slice(0, 53)}`;
}

function fakeApiKey(loginid: string, username: string): string {
  return createHash('md5').update(`offerit-sandbox:${loginid}:${username}`).digest('hex');
}
