// add_offer, edit_offer, pause_offer, activate_offer and get_details, as the platform behaves.
// get_details answers in the column vocabulary the variants choose (`detail-columns.ts`).
import type { z } from 'zod';
import type {
  activateOfferParamsSchema,
  addOfferParamsSchema,
  editOfferParamsSchema,
  getDetailsParamsSchema,
  pauseOfferParamsSchema,
} from '../../../platforms/offerit/wire/index.js';
import { unknownCountries } from '../countries.js';
import { formatTime, money, readDate, type StoredOffer } from '../model.js';
import { invalid } from '../sandbox-failure.js';
import type { OfferitSandboxState } from '../state.js';
import type { OfferitVariants } from '../variants.js';
import { inDocumentedColumns } from '../detail-columns.js';
import { addDefaultChange } from './commissions.js';
import { renderGoal } from './goals.js';

type AddOfferInput = z.output<typeof addOfferParamsSchema>;
type EditOfferInput = z.output<typeof editOfferParamsSchema>;

const DECIMAL_FIELDS = new Set([
  'advertiser_cost_flat',
  'advertiser_cost_perc',
  'conversion_default',
  'continuity_default',
  'flat_amount_per_click',
  'flat_amount_per_visitor',
  'flat_amount_per_conversion',
  'flat_amount_per_continuity',
  'percentage_of_customer_conversion',
  'percentage_of_customer_continuity',
]);
const DATE_FIELDS = new Set(['date_live', 'date_expire', 'min_deduct_date']);

/** What add_offer stores; `preset` lets fixtures keep their own ids and dates. */
export function createOffer(
  state: OfferitSandboxState,
  params: AddOfferInput,
  preset: Partial<Pick<StoredOffer, 'offerid' | 'landing_pageid' | 'date_added' | 'active'>> = {},
): StoredOffer {
  const offerid = preset.offerid ?? state.nextId('offer');
  const landingPageid = preset.landing_pageid ?? state.nextId('landingPage');
  state.claimId('offer', offerid);
  state.claimId('landingPage', landingPageid);
  const offer: StoredOffer = {
    offerid,
    landing_pageid: landingPageid,
    active: preset.active ?? '1',
    date_added: preset.date_added ?? formatTime(state.now()),
    fields: storedFields(state, params),
    goals: [],
  };
  state.offers.set(offerid, offer);
  addDefaultChange(state, offerid, '0');
  return offer;
}

export function editOffer(state: OfferitSandboxState, params: EditOfferInput): string {
  const offer = state.offer(params.offerid);
  const { offerid: _offerid, ...fields } = params;
  Object.assign(offer.fields, storedFields(state, fields));
  return 'offer_saved';
}

export function pauseOffer(
  state: OfferitSandboxState,
  params: z.output<typeof pauseOfferParamsSchema>,
): string {
  const offer = state.offer(params.offerid);
  offer.active = '0';
  offer.fields.date_expire = readDate(params.date_expire || 'now', state.now());
  return 'Offer expired.';
}

/** The documented answer is `{"result":"success","message":"Offer activated."}` (lower case). */
export function activateOffer(
  state: OfferitSandboxState,
  params: z.output<typeof activateOfferParamsSchema>,
): string {
  const offer = state.offer(params.offerid);
  offer.active = '1';
  offer.fields.date_expire = '';
  return 'Offer activated.';
}

export function findOffers(
  state: OfferitSandboxState,
  params: z.output<typeof getDetailsParamsSchema>,
): StoredOffer[] {
  const all = [...state.offers.values()].sort((a, b) => Number(a.offerid) - Number(b.offerid));
  let found: StoredOffer[];
  if (params.offerid) {
    const wanted = new Set(params.offerid);
    found = all.filter((offer) => wanted.has(offer.offerid));
  } else if (params.name !== undefined) {
    found = all.filter((offer) => offer.fields.name === params.name);
  } else if (params.name_like !== undefined) {
    const pattern = likePattern(params.name_like);
    found = all.filter((offer) => pattern.test(String(offer.fields.name)));
  } else if (params.advertiser_username !== undefined) {
    const ids = new Set(
      [...state.advertisers.values()]
        .filter((advertiser) => advertiser.username === params.advertiser_username)
        .map((advertiser) => advertiser.advertiserid),
    );
    found = all.filter((offer) => ids.has(String(offer.fields.advertiserid)));
  } else {
    found = all.filter((offer) => offer.fields.advertiserid === params.advertiserid);
  }
  const start = Number(params.start ?? 0);
  return found.slice(start, params.count === undefined ? undefined : start + Number(params.count));
}

/** An offer as get_details answers it, in the variants' vocabulary and honouring return_columns. */
export function renderDetails(
  state: OfferitSandboxState,
  offer: StoredOffer,
  variants: OfferitVariants,
  returnColumns: string | undefined,
): Record<string, unknown> {
  const addOffer = renderOffer(offer);
  const advertiser = state.advertisers.get(String(offer.fields.advertiserid ?? ''));
  const record =
    variants.detailColumns === 'documented'
      ? inDocumentedColumns(addOffer, advertiser?.username)
      : addOffer;
  if (variants.returnColumns === 'ignored' || !returnColumns?.trim()) return record;
  const columns = new Set(['offerid', ...returnColumns.split(',').map((column) => column.trim())]);
  return Object.fromEntries(Object.entries(record).filter(([column]) => columns.has(column)));
}

/** An offer under add_offer names: every value text, lists as comma lists. */
export function renderOffer(offer: StoredOffer): Record<string, unknown> {
  return {
    offerid: offer.offerid,
    ...Object.fromEntries(
      Object.entries(offer.fields).map(([field, value]) => [
        field,
        Array.isArray(value) ? value.join(',') : value,
      ]),
    ),
    active: offer.active,
    date_added: offer.date_added,
    goals: offer.goals.map(renderGoal),
    landing_pages: [
      {
        landing_pageid: offer.landing_pageid,
        url: offer.fields.url,
        preview_url: offer.fields.preview_url ?? '',
      },
    ],
  };
}

function storedFields(
  state: OfferitSandboxState,
  params: Record<string, unknown>,
): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [field, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const list = value.map(String);
      const unknown = field.endsWith('authorized') ? unknownCountries(list) : [];
      if (unknown.length > 0)
        throw invalid(`invalid ${field}: unknown country code ${unknown.join(', ')}`);
      fields[field] = list;
    } else {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      fields[field] = DECIMAL_FIELDS.has(field)
        ? money(text)
        : DATE_FIELDS.has(field)
          ? readDate(text, state.now())
          : text;
    }
  }
  return fields;
}

/** SQL LIKE: `%` any run, `_` one character; without wildcards, a substring match. */
function likePattern(like: string): RegExp {
  const escaped = like
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return like.includes('%') || like.includes('_')
    ? new RegExp(`^${escaped}$`, 'i')
    : new RegExp(escaped, 'i');
}
