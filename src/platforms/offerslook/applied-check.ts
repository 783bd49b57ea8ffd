// A write's answer shows the entity after the write. When it answers success but shows another
// value for a field that was sent, the server ignored part of the request: exactly what a server
// does with the offer-event PATCH's JSON body where it reads only the query (contract v2). Going
// on would record a state the platform does not have, so that is a PROTOCOL error, never retried:
// sending the same request again gets the same silence.
import { Decimal } from 'decimal.js';
import { PlatformError } from '../errors.js';
import { PLATFORM } from './adapter-support.js';
import type { OfferGeoView } from './wire/index.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** An amount sent empty is stored as "not set". */
const NOT_SET = '-1';

/**
 * Throws PROTOCOL naming the first field of `sent` whose value `answered` shows differently.
 * Only scalars are compared, and only fields the answer carries: a field left out of an answer
 * says nothing. Amounts compare as decimals (`"2.8"` = `"2.80"`), ids and flags as text.
 */
export function assertApplied(
  operation: string,
  sent: Readonly<Record<string, unknown>>,
  answered: Readonly<Record<string, unknown>>,
): void {
  for (const [field, value] of Object.entries(sent)) {
    if (!isScalar(value) || !isScalar(answered[field])) continue;
    if (!sameValue(value, answered[field]))
      throw notApplied(operation, field, value, answered[field]);
  }
}

/** The same check for a geo view: the countries as a set, and the type when there are any. */
export function assertGeoApplied(
  operation: string,
  sent: OfferGeoView | undefined,
  answered: OfferGeoView | undefined,
): void {
  if (sent === undefined || answered === undefined) return;
  const show = (geo: OfferGeoView) =>
    `${geo.type ?? 1}:${[...(geo.countries ?? [])].sort().join(',')}`;
  const countries = (geo: OfferGeoView) => [...new Set(geo.countries ?? [])].sort().join(',');
  const differs =
    countries(sent) !== countries(answered) ||
    (countries(sent) !== '' && (sent.type ?? 1) !== (answered.type ?? 1));
  if (differs) throw notApplied(operation, 'offer_geo', show(sent), show(answered));
}

function notApplied(
  operation: string,
  field: string,
  sent: unknown,
  shown: unknown,
): PlatformError {
  const problem = `the answer shows ${field} ${JSON.stringify(shown)} where ${JSON.stringify(sent)} was sent: the platform ignored part of the request`;
  return new PlatformError('PROTOCOL', `${PLATFORM} ${operation}: ${problem}`, {
    platform: PLATFORM,
    operation,
    platformMessage: problem,
  });
}

function sameValue(sent: unknown, shown: unknown): boolean {
  const a = textOf(sent);
  const b = textOf(shown);
  if (a === b) return true;
  return DECIMAL.test(a) && DECIMAL.test(b) && new Decimal(a).equals(b);
}

function textOf(value: unknown): string {
  const text = String(value).trim();
  return text === '' ? NOT_SET : text;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
