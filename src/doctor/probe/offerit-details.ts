// `GET /offer/get_details`, classified from the raw answer (contract section 1, v2): how
// `message` holds the records (by-id, list, offers-by-id, offers-list), which column vocabulary
// they use (documented `return_columns` names or add_offer names), whether `return_columns` was
// honoured, and whether the records carry payouts or leave them to change 0. Pure.
import {
  DETAIL_COLUMN_ALIASES,
  offeritGoalSchema,
  offeritOfferSchema,
} from '../../platforms/offerit/index.js';
import { describeShape, extraKeys, formatPath, isObject } from './shape.js';

export type DetailsMessage = 'by-id' | 'list' | 'offers-by-id' | 'offers-list' | 'empty';

/** A record of the answer and where it sits (`message["400"]`), in the client schema's order. */
export interface LocatedRecord {
  where: string;
  record: unknown;
}

export type DetailsShape =
  { ok: true; message: DetailsMessage; records: LocatedRecord[] } | { ok: false; problem: string };

/** How `message` holds the offer records; a problem when it holds something else. */
export function detailsShape(answer: unknown): DetailsShape {
  const message = isObject(answer) ? answer.message : undefined;
  const located = (path: PropertyKey[], container: unknown[] | Record<string, unknown>) =>
    (Array.isArray(container)
      ? container.map((record, index) => [index, record] as const)
      : Object.entries(container)
    ).map(([key, record]) => ({ where: formatPath('message', [...path, key]), record }));
  let records: LocatedRecord[];
  let form: 'by-id' | 'list';
  let nested = false;
  if (Array.isArray(message)) {
    // PHP answers "no results" as `[]` whatever the variant.
    if (message.length === 0) return { ok: true, message: 'empty', records: [] };
    records = located([], message);
    form = 'list';
  } else if (isObject(message)) {
    const offers = message.offers;
    nested = Array.isArray(offers) || (isObject(offers) && !looksLikeOffer(offers));
    const holder = nested ? (offers as unknown[] | Record<string, unknown>) : message;
    records = located(nested ? ['offers'] : [], holder);
    if (records.length === 0) return { ok: true, message: 'empty', records: [] };
    form = Array.isArray(holder) ? 'list' : 'by-id';
  } else {
    return {
      ok: false,
      problem: `message is neither offers keyed by id nor a list of offers (message: ${describeShape(message)})`,
    };
  }
  const stranger = records.find(({ record }) => !isObject(record) || !looksLikeOffer(record));
  if (stranger) {
    return {
      ok: false,
      problem: `records are not offers: no offerid or name (${stranger.where}: ${describeShape(stranger.record)})`,
    };
  }
  const message_: DetailsMessage = nested ? (`offers-${form}` as const) : form;
  return { ok: true, message: message_, records };
}

function looksLikeOffer(record: Record<string, unknown>): boolean {
  return 'offerid' in record || 'name' in record;
}

/** Columns only the documented vocabulary has, and their add_offer twins. */
const DOCUMENTED_ONLY = Object.keys(DETAIL_COLUMN_ALIASES);
const ADD_OFFER_ONLY = Object.values(DETAIL_COLUMN_ALIASES);

/** Which spelling the records use for the columns that have two. */
export function detailColumns(
  records: readonly unknown[],
): 'documented' | 'add_offer names' | 'both' | 'cannot tell' {
  const has = (columns: readonly string[]) =>
    records.some((record) => isObject(record) && columns.some((column) => column in record));
  const documented = has(DOCUMENTED_ONLY);
  const addOffer = has(ADD_OFFER_ONLY);
  if (documented && addOffer) return 'both';
  if (documented) return 'documented';
  return addOffer ? 'add_offer names' : 'cannot tell';
}

/**
 * Whether the server answered only the `asked` columns: a column beyond them means ignored; none
 * beyond them, while the same offers asked without `return_columns` carry more, means honoured.
 */
export function returnColumnsHonoured(
  asked: readonly string[],
  withColumns: readonly unknown[],
  allColumns: readonly unknown[],
): 'honoured' | 'ignored' | 'cannot tell' {
  const wanted = new Set(['offerid', ...asked]);
  const beyond = (records: readonly unknown[]) =>
    records.some((record) => isObject(record) && Object.keys(record).some((k) => !wanted.has(k)));
  if (beyond(withColumns)) return 'ignored';
  return beyond(allColumns) ? 'honoured' : 'cannot tell';
}

/** Keys no record schema declares: the offer's, and its goals' under `goals[].`. */
export function unexpectedDetailKeys(records: readonly unknown[]): string[] {
  const offerKeys = [...Object.keys(offeritOfferSchema.shape), ...DOCUMENTED_ONLY];
  const goals = records.flatMap((record) =>
    isObject(record) && Array.isArray(record.goals) ? (record.goals as unknown[]) : [],
  );
  return [
    ...extraKeys(records, offerKeys),
    ...extraKeys(goals, Object.keys(offeritGoalSchema.shape), 'goals[].'),
  ];
}
