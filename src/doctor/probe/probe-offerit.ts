// The Offerit half of `doctor --probe`: a few offers found through the first id windows of the
// walk the client does (get_details with the client's return_columns), the same offers again
// without return_columns, the commission changes of the first of them, and one page of
// affiliate/search. GET only; every answer read raw, classified, then read with the client's own
// schemas.
import { z } from 'zod';
import type { OfferitConfig } from '../../config/index.js';
import { isPlatformError } from '../../platforms/errors.js';
import {
  DETAIL_COLUMNS,
  affiliateSearchResponseSchema,
  commissionChangesResponseFor,
  createOfferitTransport,
  getDetailsMissing,
  getDetailsResponseSchema,
  hasPayoutColumns,
  walkOfferWindows,
  withOfferPayouts,
  type OfferitCommissionChange,
  type OfferitOffer,
  type OfferitParams,
} from '../../platforms/offerit/index.js';
import type { RequestHooks } from '../../platforms/platform-client.js';
import { emptyMappedFields, type MappedPaths } from './empty-mapped.js';
import { affiliatesShape, unexpectedAffiliateKeys } from './offerit-affiliates.js';
import { changesShape, changesVariant, unexpectedChangeKeys } from './offerit-changes.js';
import {
  detailColumns,
  detailsShape,
  returnColumnsHonoured,
  unexpectedDetailKeys,
  type DetailsMessage,
  type LocatedRecord,
} from './offerit-details.js';
import type { EndpointReport } from './probe-report.js';
import {
  ShapeProblem,
  createAttempts,
  type Attempt,
  reportOf,
  skippedReport,
} from './probe-steps.js';
import { readChecked, type Locate } from './read-checked.js';
import { formatPath, valueAt } from './shape.js';

export const OFFERIT_ENDPOINTS = {
  details: 'GET /offer/get_details?return_columns',
  allColumns: 'GET /offer/get_details',
  changes: 'GET /offer/get_commission_changes',
  affiliates: 'GET /affiliate/search',
} as const;

/** Offers looked at: enough to see the variants, few enough to stay cheap. */
export const PROBE_OFFERS = 3;
/** At most this many id windows are walked to find them. */
export const PROBE_WINDOWS = 5;
/** Offers whose commission changes are read. */
export const PROBE_CHANGE_OFFERS = 2;
/** Affiliates asked for (one page). */
export const PROBE_AFFILIATES = 20;

interface ChangesRead {
  offerid: string;
  message: 'changes' | 'list';
  rows: LocatedRecord[];
  changes: OfferitCommissionChange[];
}

interface DetailsRead {
  message: DetailsMessage;
  records: LocatedRecord[];
  offers: OfferitOffer[];
}

export async function probeOfferit(
  config: OfferitConfig,
  hooks: RequestHooks,
  mapped: MappedPaths,
): Promise<EndpointReport[]> {
  const transport = createOfferitTransport(config, hooks);
  const get = (endpoint: string, params: OfferitParams, bare = false) =>
    transport.call('GET', endpoint, params, z.unknown(), { bare });
  const getDetails = (params: OfferitParams) =>
    get('offer/get_details', params)
      .catch((error: unknown) => {
        // As the client reads it: a 404 here is an install without get_details.
        throw isPlatformError(error) && error.code === 'NOT_FOUND'
          ? getDetailsMissing(error)
          : error;
      })
      .then(readDetails);
  const attempts = createAttempts('offerit');
  const attempt = <T>(read: () => Promise<T>) => attempts.attempt(read);

  const windows: DetailsRead[] = [];
  const found = await attempt(async () => {
    const offers: OfferitOffer[] = [];
    const walk = walkOfferWindows(
      async (ids) => {
        const read = await getDetails({ offerid: ids, return_columns: DETAIL_COLUMNS });
        windows.push(read);
        return read.offers;
      },
      {
        windowSize: config.windowSize,
        maxOfferId: Math.min(config.maxOfferId, config.windowSize * PROBE_WINDOWS),
        emptyWindows: config.emptyWindows,
        leadingEmptyWindows: PROBE_WINDOWS,
      },
    );
    for await (const offer of walk) {
      offers.push(offer);
      if (offers.length >= PROBE_OFFERS) break;
    }
    return offers;
  });
  const offers = found.status === 'read' ? found.value : [];
  const ids = offers.map((offer) => offer.offerid);
  const noOffers =
    found.status === 'read'
      ? `no offer found in ids 1-${Math.min(config.maxOfferId, config.windowSize * PROBE_WINDOWS)}`
      : 'get_details gave no offers to ask about';

  const all =
    ids.length > 0 ? await attempt(() => getDetails({ offerid: ids.join(',') })) : undefined;

  const changeReads: Attempt<ChangesRead>[] = [];
  for (const offerid of ids.slice(0, PROBE_CHANGE_OFFERS)) {
    const read = await attempt(async () => {
      const raw = await get('offer/get_commission_changes', { offerid });
      const shape = changesShape(raw);
      if (!shape.ok) throw new ShapeProblem(shape.problem);
      const changes = checked(commissionChangesResponseFor(offerid), raw, shape.rows);
      return { offerid, message: shape.message, rows: shape.rows, changes };
    });
    changeReads.push(read);
    if (read.status !== 'read') break;
  }
  const changesByOffer = new Map<string, OfferitCommissionChange[]>(
    changeReads.flatMap((read) =>
      read.status === 'read' ? [[read.value.offerid, read.value.changes]] : [],
    ),
  );

  const affiliates = await attempt(async () => {
    const raw = await get('affiliate/search', { start: 0, count: PROBE_AFFILIATES }, true);
    const shape = affiliatesShape(raw);
    if (!shape.ok) throw new ShapeProblem(shape.problem);
    checked(affiliateSearchResponseSchema, raw, shape.located);
    return shape;
  });

  // The offers' entity views: payouts from change 0 where get_details has none (as the adapter).
  const views = (
    await Promise.all(
      offers.map((offer) =>
        withOfferPayouts(offer, (id) => Promise.resolve(changesByOffer.get(id))),
      ),
    )
  ).filter((view) => view !== undefined);
  const goals = offers.flatMap((offer) =>
    (offer.goals ?? []).map((goal) => ({ ...goal, offerid: offer.offerid })),
  );
  const offerEmpties = () => [
    ...emptyMappedFields(mapped('offerit', 'offer'), views),
    ...emptyMappedFields(mapped('offerit', 'goal'), goals, 'goals[].'),
  ];
  const windowRecords = windows.flatMap((read) => read.records.map(({ record }) => record));
  const allRecords = all?.status === 'read' ? all.value.records.map(({ record }) => record) : [];

  return [
    reportOf(OFFERIT_ENDPOINTS.details, found, () => ({
      variant: {
        message: messageOf(windows),
        return_columns: returnColumnsHonoured(DETAIL_COLUMNS.split(','), windowRecords, allRecords),
        payouts: payoutsOf(offers),
      },
      unexpected: unexpectedDetailKeys(windowRecords),
      emptyMapped: offerEmpties(),
    })),
    all === undefined
      ? skippedReport(OFFERIT_ENDPOINTS.allColumns, noOffers)
      : reportOf(OFFERIT_ENDPOINTS.allColumns, all, (read) => ({
          variant: { message: read.message, columns: detailColumns(allRecords) },
          unexpected: unexpectedDetailKeys(allRecords),
          emptyMapped: offerEmpties(),
        })),
    changeReads.length === 0
      ? skippedReport(OFFERIT_ENDPOINTS.changes, noOffers)
      : reportOf(OFFERIT_ENDPOINTS.changes, changeReads.at(-1)!, () => {
          const reads = changeReads.flatMap((read) => (read.status === 'read' ? [read.value] : []));
          const rows = reads.flatMap((read) => read.rows.map(({ record }) => record));
          return {
            variant: changesVariant(
              reads.map((read) => read.message),
              rows as Record<string, unknown>[],
            ),
            unexpected: unexpectedChangeKeys(rows),
            emptyMapped: emptyMappedFields(
              mapped('offerit', 'commission'),
              reads.flatMap((read) => read.changes).filter((change) => change.changeid !== '0'),
            ),
          };
        }),
    reportOf(OFFERIT_ENDPOINTS.affiliates, affiliates, (shape) => ({
      variant: { reply: shape.reply, records: shape.records },
      unexpected: unexpectedAffiliateKeys(shape.located.map(({ record }) => record)),
      emptyMapped: [],
    })),
  ];
}

function readDetails(raw: unknown): DetailsRead {
  const shape = detailsShape(raw);
  if (!shape.ok) throw new ShapeProblem(shape.problem);
  return {
    message: shape.message,
    records: shape.records,
    offers: checked(getDetailsResponseSchema, raw, shape.records),
  };
}

/** Reads `raw` with the client's schema; a misfit throws the shape at the record it points to. */
function checked<S extends z.ZodType>(schema: S, raw: unknown, records: readonly LocatedRecord[]) {
  const read = readChecked(schema, raw, locateIn(raw, records));
  if (!read.ok) throw new ShapeProblem(read.problem);
  return read.value;
}

/**
 * The client's schemas read records out of the envelope and then check the list of records, so
 * an issue path starting with a number points at the n-th record (in the answer's order).
 */
function locateIn(raw: unknown, records: readonly LocatedRecord[]): Locate {
  return (path) => {
    const [head, ...rest] = path;
    const record = typeof head === 'number' ? records[head] : undefined;
    if (record)
      return { where: formatPath(record.where, rest), value: valueAt(record.record, rest) };
    return { where: path.length > 0 ? formatPath('', path) : 'answer', value: valueAt(raw, path) };
  };
}

function messageOf(windows: readonly DetailsRead[]): string {
  const forms = [...new Set(windows.map((read) => read.message).filter((m) => m !== 'empty'))];
  return forms.length === 0 ? 'empty' : forms.join('+');
}

function payoutsOf(offers: readonly OfferitOffer[]): string {
  if (offers.length === 0) return 'cannot tell';
  const carried = offers.filter(hasPayoutColumns).length;
  if (carried === offers.length) return 'in get_details';
  return carried === 0 ? 'from change 0' : 'in get_details for some, from change 0 for others';
}
