// affiliate/search: an object keyed by loginid, or `[]` when nothing matches (PHP's empty array);
// the endpoint sends it bare (v2: `{}` for none) or in an envelope (v1), see `endpoints.ts`.
// Records carry a password hash and an API key, like the real ones.
import type { z } from 'zod';
import type { affiliateSearchParamsSchema } from '../../../platforms/offerit/wire/index.js';
import type { StoredAffiliate } from '../model.js';
import type { OfferitSandboxState } from '../state.js';

/** ASSUMED paging defaults: `count` 100, at most 1000. */
export const AFFILIATE_PAGE = { defaultCount: 100, maxCount: 1000 } as const;

export function searchAffiliates(
  state: OfferitSandboxState,
  params: z.output<typeof affiliateSearchParamsSchema>,
): Record<string, Record<string, string>> | [] {
  const matches = [...state.affiliates.values()]
    .filter((affiliate) => params.loginid === undefined || affiliate.loginid === params.loginid)
    .filter((affiliate) => params.username === undefined || affiliate.username === params.username)
    .filter(
      (affiliate) =>
        params.email === undefined || affiliate.email.toLowerCase() === params.email.toLowerCase(),
    )
    .sort((a, b) => Number(a.loginid) - Number(b.loginid));
  const start = Number(params.start ?? 0);
  const count = Math.min(
    Number(params.count ?? AFFILIATE_PAGE.defaultCount),
    AFFILIATE_PAGE.maxCount,
  );
  const page = matches.slice(start, start + count);
  if (page.length === 0) return [];
  return Object.fromEntries(
    page.map((affiliate) => [affiliate.loginid, renderAffiliate(affiliate)]),
  );
}

export function renderAffiliate(affiliate: StoredAffiliate): Record<string, string> {
  return {
    loginid: affiliate.loginid,
    username: affiliate.username,
    email: affiliate.email,
    ...affiliate.extra,
    password: affiliate.password,
    api_key: affiliate.api_key,
  };
}
