// The true minimum of requests, worked out from the platforms' rules and the shipped mappings,
// never from offer-sync's own request counts: the writes each platform needs for what changed,
// plus the list pages a full pass has to read. Pure functions over mapped records.
//   Offerslook create: 1 POST /v1/offers; +1 PATCH of event 1 when the mapped base event differs
//     from a new offer's defaults (BASE_EVENT_DEFAULTS: the POST cannot set event 1).
//   Offerslook update: 1 PUT when offer fields (or its geo) changed; +1 PATCH when base-event
//     fields changed.
//   Offerit create: 1 add_offer; +1 pause_offer when the offer is not active (add_offer cannot
//     create a paused offer).
//   Offerit update: 1 edit_offer when fields other than `active` changed; +1 pause_offer or
//     activate_offer when `active` changed.
//   A live sync (webhook, CLI) holds a reference only, so it reads its source entity once, whole:
//     Offerslook GET /v1/offers/{id}/all; Offerit get_details, in v2 + get_commission_changes.
//   Offerslook list: one /v1/batches/offers page per 100 offers (each with its events).
//   Offerit list: one get_details window per 100 ids up to the highest, plus the configured run of
//     empty windows that tells the walk it is past the end (there is no "list all"); in contract
//     v2 also one get_commission_changes per offer, where the offer's payouts are (get_details
//     has no payout column there).
import { isDeepStrictEqual } from 'node:util';
import type { CompiledRoute } from '../../src/mapping/index.js';
import { tableResolver } from '../../src/mapping/index.js';
import type { PlatformRecord } from '../../src/vocabulary/index.js';
import { BASE_EVENT_DEFAULTS } from '../../src/platforms/offerslook/index.js';

/** Requests, each named as request-counts.ts names the operation. */
export type Requests = string[];

export const OPERATIONS = {
  post: 'POST /v1/offers',
  put: 'PUT /v1/offers/{id}',
  patchBase: 'PATCH /v1/offers/{id}/offer_events/1',
  addOffer: 'POST add_offer',
  editOffer: 'PATCH edit_offer',
  pauseOffer: 'PATCH pause_offer',
  activateOffer: 'PATCH activate_offer',
  batchList: 'GET /v1/batches/offers',
  getAll: 'GET /v1/offers/{id}/all',
  getDetails: 'GET get_details',
  commissionChanges: 'GET get_commission_changes',
} as const;

/** Maps a record through `route` with the bench networks' advertiser pairs. */
export function mapRecord(route: CompiledRoute, record: PlatformRecord): PlatformRecord {
  const advertisers: Record<string, string> =
    route.source.platform === 'offerit'
      ? { '1': '11', '2': '12', '3': '13' }
      : { '11': '1', '12': '2', '13': '3' };
  const result = route.apply(record, {
    now: new Date(),
    resolve: tableResolver({ advertiser: advertisers }),
  });
  if (result.issues.length > 0)
    throw new Error(`bench record does not map: ${JSON.stringify(result.issues)}`);
  return result.value;
}

export function offerslookCreateWrites(mapped: PlatformRecord): Requests {
  const base = (mapped.base_event ?? {}) as Record<string, unknown>;
  const differs = Object.entries(BASE_EVENT_DEFAULTS).some(
    ([field, fallback]) => base[field] !== undefined && scalar(base[field]) !== scalar(fallback),
  );
  return differs ? [OPERATIONS.post, OPERATIONS.patchBase] : [OPERATIONS.post];
}

export function offerslookUpdateWrites(before: PlatformRecord, after: PlatformRecord): Requests {
  const changed = changedFields(before, after);
  const writes: Requests = [];
  if (changed.some((field) => field !== 'base_event')) writes.push(OPERATIONS.put);
  if (changed.includes('base_event')) writes.push(OPERATIONS.patchBase);
  return writes;
}

export function offeritCreateWrites(mapped: PlatformRecord): Requests {
  return scalar(mapped.active) === '0'
    ? [OPERATIONS.addOffer, OPERATIONS.pauseOffer]
    : [OPERATIONS.addOffer];
}

export function offeritUpdateWrites(before: PlatformRecord, after: PlatformRecord): Requests {
  const changed = changedFields(before, after);
  const writes: Requests = [];
  if (changed.some((field) => field !== 'active')) writes.push(OPERATIONS.editOffer);
  if (changed.includes('active'))
    writes.push(scalar(after.active) === '0' ? OPERATIONS.pauseOffer : OPERATIONS.activateOffer);
  return writes;
}

/** One read of a whole offer on `platform` (a live sync's source read). */
export function offerRead(
  platform: 'offerit' | 'offerslook',
  offeritAnswers: 'v1' | 'v2',
): Requests {
  if (platform === 'offerslook') return [OPERATIONS.getAll];
  return offeritAnswers === 'v2'
    ? [OPERATIONS.getDetails, OPERATIONS.commissionChanges]
    : [OPERATIONS.getDetails];
}

/** Pages of a full Offerslook offer listing. */
export function offerslookListPages(offers: number, pageSize = 100): Requests {
  return Array<string>(Math.ceil(offers / pageSize)).fill(OPERATIONS.batchList);
}

/** Requests of a full Offerit offer listing (ids `1..maxId` in use, no gaps of a whole window). */
export function offeritListRequests(
  offers: number,
  maxId: number,
  answers: 'v1' | 'v2',
  windowSize = 100,
  emptyWindows = 3,
): Requests {
  const windows = Math.ceil(maxId / windowSize) + emptyWindows;
  return [
    ...Array<string>(windows).fill(OPERATIONS.getDetails),
    ...Array<string>(answers === 'v2' ? offers : 0).fill(OPERATIONS.commissionChanges),
  ];
}

/** Top-level mapped fields whose values differ (a nested part such as base_event as one field). */
function changedFields(before: PlatformRecord, after: PlatformRecord): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].filter((field) => !isDeepStrictEqual(before[field], after[field]));
}

/** `1`, `"1"` and `true` are one value on the wire. */
function scalar(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : JSON.stringify(value);
}

/** Counts operations: `{ 'POST /v1/offers': 100, ... }`. */
export function tally(writes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const write of writes) counts[write] = (counts[write] ?? 0) + 1;
  return counts;
}
