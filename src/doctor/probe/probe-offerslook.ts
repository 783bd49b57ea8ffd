// The Offerslook half of `doctor --probe`: one page of offers both ways (`/v1/offers` and
// `/v1/batches/offers?contains=...`), the first offer's `/all` and its events, a page of
// affiliate payouts and a page of affiliates. GET only; every answer read raw, classified, then
// read with the client's own schemas and views.
import { z } from 'zod';
import type { OfferslookConfig } from '../../config/index.js';
import { isPlatformError } from '../../platforms/errors.js';
import {
  BATCH_LIMIT,
  OFFER_BATCH_CONTAINS,
  affiliatePayoutRowSchema,
  affiliateWireSchema,
  createOfferslookTransport,
  encodeListQuery,
  listDataSchema,
  nestedOfferSchema,
  offerEventWireSchema,
  offerWireSchema,
  viewOfGoal,
  viewOfWholeOffer,
  withOfferId,
  type ListQuery,
} from '../../platforms/offerslook/index.js';
import type { RequestHooks } from '../../platforms/platform-client.js';
import { emptyMappedFields, type MappedPaths } from './empty-mapped.js';
import {
  classifyAffiliateRows,
  classifyEventRows,
  classifyPayoutRows,
  unexpectedAffiliateRowKeys,
  unexpectedEventKeys,
  unexpectedPayoutKeys,
} from './offerslook-lists.js';
import {
  classifyBatchRows,
  classifyOfferAll,
  classifyOfferRows,
  dataPath,
  unexpectedNestedKeys,
  unexpectedOfferKeys,
  type OfferRowsVerdict,
} from './offerslook-offers.js';
import type { EndpointReport } from './probe-report.js';
import {
  ShapeProblem,
  createAttempts,
  reportOf,
  skippedReport,
  type EndpointFindings,
} from './probe-steps.js';
import { readChecked } from './read-checked.js';
import { valueAt } from './shape.js';

export const OFFERSLOOK_ENDPOINTS = {
  offers: 'GET /v1/offers',
  batches: 'GET /v1/batches/offers',
  all: 'GET /v1/offers/{id}/all',
  events: 'GET /v1/offers/{id}/offer_events',
  payouts: 'GET /v1/affiliate_payouts',
  affiliates: 'GET /v1/affiliates',
} as const;

/** Rows asked for per list (one page each): the platform's own default page size. */
export const PROBE_PAGE_SIZE = 20;

/**
 * Seed 000 sends `approve_conversions` and answers `approve_conversion`; the mappings read both and
 * the views keep one, so the other is never "empty" while its twin is filled.
 */
const TWINS = { approve_conversion: 'approve_conversions' };

const offerList = listDataSchema(offerWireSchema);
const batchList = listDataSchema(nestedOfferSchema);
const eventList = listDataSchema(offerEventWireSchema);
const payoutList = listDataSchema(affiliatePayoutRowSchema);
const affiliateList = listDataSchema(affiliateWireSchema);

/** A read endpoint: its raw data's rows, what varies in them, and its report findings. */
interface Read {
  firstOfferId?: string;
  findings: EndpointFindings;
}

export async function probeOfferslook(
  config: OfferslookConfig,
  hooks: RequestHooks,
  mapped: MappedPaths,
): Promise<EndpointReport[]> {
  const send = createOfferslookTransport(config, hooks);
  const limit = Math.min(PROBE_PAGE_SIZE, Math.max(1, config.pageSize));
  const get = (path: string, template: string, query?: ListQuery) =>
    send({
      method: 'GET',
      path,
      template,
      ...(query ? { query: encodeListQuery(query) } : {}),
      data: z.unknown(),
    });
  const firstPage = (extra: ListQuery = {}): ListQuery => ({
    offset: 1,
    limit,
    sort: 'id',
    ...extra,
  });
  const attempts = createAttempts('offerslook');
  const attempt = <T>(read: () => Promise<T>) => attempts.attempt(read);
  const offerPaths = mapped('offerslook', 'offer');
  // Flat rows carry no base event: those fields come from the events list, asked separately.
  const withoutBaseEvent = offerPaths.filter((path) => !path.startsWith('base_event.'));

  const offers = await attempt(async (): Promise<Read> => {
    const data = await get('/v1/offers', '/v1/offers', firstPage());
    const variant = classified(classifyOfferRows(data));
    const { rowset } = checkedData(offerList, data);
    const views = rowset.map((offer) => viewOfWholeOffer({ offer, geo: undefined, events: [] }));
    return {
      ...(rowset[0] ? { firstOfferId: rowset[0].id } : {}),
      findings: {
        variant,
        unexpected: unexpectedOfferKeys(rowsOf(data)),
        emptyMapped: emptyMappedFields(withoutBaseEvent, views),
      },
    };
  });

  const batches = await attempt(async (): Promise<Read> => {
    const query = firstPage({
      limit: Math.min(limit, BATCH_LIMIT),
      contains: OFFER_BATCH_CONTAINS,
    });
    const data = await orMissing(get('/v1/batches/offers', '/v1/batches/offers', query));
    if (data === MISSING) return missing();
    const variant = classified(classifyBatchRows(data));
    const { rowset } = checkedData(batchList, data);
    const views = rowset.map((row) =>
      viewOfWholeOffer({ offer: row.offer, geo: row.offer_geo, events: row.offer_event ?? [] }),
    );
    return {
      ...(rowset[0] ? { firstOfferId: rowset[0].offer.id } : {}),
      findings: {
        variant: { endpoint: 'available', ...variant },
        unexpected: unexpectedNestedKeys(rowsOf(data)),
        // Rows without events are ones the client does not use: it reads /v1/offers instead.
        emptyMapped:
          variant.contains === 'ignored' ? [] : emptyMappedFields(offerPaths, views, '', TWINS),
      },
    };
  });

  const offerId =
    (offers.status === 'read' ? offers.value.firstOfferId : undefined) ??
    (batches.status === 'read' ? batches.value.firstOfferId : undefined);
  const noOffer =
    offers.status === 'read'
      ? 'no offer listed to ask about'
      : 'no offer could be listed to ask about';
  const id = encodeURIComponent(offerId ?? '');

  const all =
    offerId === undefined
      ? undefined
      : await attempt(async (): Promise<Read> => {
          // The id came from the list just read: a 404 is a server without `/all`.
          const data = await orMissing(get(`/v1/offers/${id}/all`, OFFERSLOOK_ENDPOINTS.all));
          if (data === MISSING) return missing();
          const variant = classified(classifyOfferAll(data));
          const whole = checkedData(nestedOfferSchema, data);
          const events = whole.offer_event;
          const view = viewOfWholeOffer({
            offer: whole.offer,
            geo: whole.offer_geo,
            events: events ?? [],
          });
          return {
            findings: {
              variant,
              unexpected: unexpectedNestedKeys([data]),
              emptyMapped: emptyMappedFields(
                events ? offerPaths : withoutBaseEvent,
                [view],
                '',
                TWINS,
              ),
            },
          };
        });

  const events =
    offerId === undefined
      ? undefined
      : await attempt(async (): Promise<Read> => {
          const data = await get(
            `/v1/offers/${id}/offer_events`,
            OFFERSLOOK_ENDPOINTS.events,
            firstPage(),
          );
          const variant = classified(classifyEventRows(data));
          const goals = checkedData(eventList, data)
            .rowset.map((event) => withOfferId(event, offerId))
            .filter((event) => event.id !== '1')
            .map(viewOfGoal);
          return {
            findings: {
              variant,
              unexpected: unexpectedEventKeys(rowsOf(data)),
              emptyMapped: emptyMappedFields(mapped('offerslook', 'goal'), goals, '', TWINS),
            },
          };
        });

  const payouts = await attempt(async (): Promise<Read> => {
    const data = await get('/v1/affiliate_payouts', OFFERSLOOK_ENDPOINTS.payouts, firstPage());
    const variant = classified(classifyPayoutRows(data));
    const { rowset } = checkedData(payoutList, data);
    return {
      findings: {
        variant,
        unexpected: unexpectedPayoutKeys(rowsOf(data)),
        emptyMapped: emptyMappedFields(mapped('offerslook', 'commission'), rowset),
      },
    };
  });

  const affiliates = await attempt(async (): Promise<Read> => {
    const data = await get('/v1/affiliates', OFFERSLOOK_ENDPOINTS.affiliates, firstPage());
    const variant = classified(classifyAffiliateRows(data));
    const { rowset } = checkedData(affiliateList, data);
    return {
      findings: {
        variant,
        unexpected: unexpectedAffiliateRowKeys(rowsOf(data)),
        emptyMapped: emptyMappedFields(mapped('offerslook', 'affiliate'), rowset),
      },
    };
  });

  const findings = (read: Read) => read.findings;
  return [
    reportOf(OFFERSLOOK_ENDPOINTS.offers, offers, findings),
    reportOf(OFFERSLOOK_ENDPOINTS.batches, batches, findings),
    all
      ? reportOf(OFFERSLOOK_ENDPOINTS.all, all, findings)
      : skippedReport(OFFERSLOOK_ENDPOINTS.all, noOffer),
    events
      ? reportOf(OFFERSLOOK_ENDPOINTS.events, events, findings)
      : skippedReport(OFFERSLOOK_ENDPOINTS.events, noOffer),
    reportOf(OFFERSLOOK_ENDPOINTS.payouts, payouts, findings),
    reportOf(OFFERSLOOK_ENDPOINTS.affiliates, affiliates, findings),
  ];
}

const MISSING = Symbol('missing');

/** A 404 for an endpoint the contract calls optional (v2): an older server without it. */
async function orMissing(request: Promise<unknown>): Promise<unknown> {
  try {
    return await request;
  } catch (error) {
    if (isPlatformError(error) && error.code === 'NOT_FOUND') return MISSING;
    throw error;
  }
}

function missing(): Read {
  return { findings: { variant: { endpoint: 'missing' }, unexpected: [], emptyMapped: [] } };
}

function classified(verdict: OfferRowsVerdict): Record<string, string> {
  if (!verdict.ok) throw new ShapeProblem(verdict.problem);
  return verdict.variant;
}

function checkedData<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const read = readChecked(schema, data, (path) => ({
    where: dataPath(path),
    value: valueAt(data, path),
  }));
  if (!read.ok) throw new ShapeProblem(read.problem);
  return read.value;
}

function rowsOf(data: unknown): unknown[] {
  const rowset = valueAt(data, ['rowset']);
  return Array.isArray(rowset) ? rowset : [];
}
