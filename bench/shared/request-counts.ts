// Requests a sandbox logged, counted by platform and operation (method + path with ids folded:
// `PUT /v1/offers/{id}`, `GET get_details`). Every logged request counts, a refused one (429)
// included: it took a slot of the network's budget all the same.
import type { PlatformName } from '../../src/vocabulary/index.js';
import type { LoggedRequest } from '../../src/sandbox/common/index.js';

export interface RequestCounts {
  total: number;
  gets: number;
  writes: number;
  rateLimited: number;
  byOperation: Record<string, number>;
}

/** `GET get_details` on Offerit; `PATCH /v1/offers/{id}/offer_events/1` on Offerslook. */
export function operationOf(
  platform: PlatformName,
  entry: Pick<LoggedRequest, 'method' | 'path'>,
): string {
  if (platform === 'offerit') return `${entry.method} ${entry.path.replace(/^\/api\/[^/]+\//, '')}`;
  const path = entry.path
    .replace(/^\/v1\/batches\/offers\/[\d,]+$/, '/v1/batches/offers/{ids}')
    .replace(/\/offer_events\/(?!1$)\d+$/, '/offer_events/{event_id}')
    .replace(/^\/v1\/offers\/\d+/, '/v1/offers/{id}')
    .replace(/^\/v1\/affiliate_payouts\/\d+/, '/v1/affiliate_payouts/{id}');
  return `${entry.method} ${path}`;
}

export function countRequests(
  platform: PlatformName,
  entries: readonly Pick<LoggedRequest, 'method' | 'path' | 'status'>[],
): RequestCounts {
  const byOperation: Record<string, number> = {};
  let gets = 0;
  let rateLimited = 0;
  for (const entry of entries) {
    const operation = operationOf(platform, entry);
    byOperation[operation] = (byOperation[operation] ?? 0) + 1;
    if (entry.method === 'GET') gets += 1;
    if (entry.status === 429) rateLimited += 1;
  }
  return { total: entries.length, gets, writes: entries.length - gets, rateLimited, byOperation };
}

/** `get_details 13, get_commission_changes 1000` (biggest first; the method kept for writes). */
export function formatCounts(counts: RequestCounts): string {
  const parts = Object.entries(counts.byOperation)
    .sort((a, b) => b[1] - a[1])
    .map(([operation, count]) => `${operation} ${count}`);
  const limited = counts.rateLimited > 0 ? `; ${counts.rateLimited} refused with 429` : '';
  return parts.length === 0 ? 'none' : `${parts.join(', ')}${limited}`;
}
