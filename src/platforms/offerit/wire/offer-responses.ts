// Answers of the offer endpoints. get_details is a tolerant reader (ASSUMED shape): `message` is
// an object keyed by offer id, an array of records, or either of those under `message.offers`;
// PHP sends an empty result as `[]` whatever the variant. Columns are read under either spelling
// (documented `return_columns` names or add_offer names, see `detail-columns.ts`).
import { z } from 'zod';
import { offeritOfferSchema, type OfferitOffer } from '../records.js';
import { wireId } from '../../wire-values.js';
import { formInt, formScalar, formText } from './form-values.js';
import { offeritEnvelopeSchema } from './envelope.js';
import { withAddOfferNames } from './detail-columns.js';

/** `{"landing_pageid":"432","offerid":"400"}` (seed 001). */
export const addOfferResponseSchema = offeritEnvelopeSchema
  .extend({ message: z.looseObject({ offerid: wireId, landing_pageid: wireId.optional() }) })
  .transform((envelope) => envelope.message);

const rawRecord = z.record(z.string(), z.unknown());
const recordsByIdOrList = z.union([z.array(rawRecord), z.record(z.string(), rawRecord)]);
const detailsMessage = z.union([
  z.looseObject({ offers: recordsByIdOrList }).transform((message) => message.offers),
  recordsByIdOrList,
]);

/**
 * Reads any get_details variant into offer records validated against `offeritOfferSchema`, under
 * add_offer names. A record keyed by id that leaves `offerid` out gets it from its key.
 */
export const getDetailsResponseSchema = offeritEnvelopeSchema
  .extend({ message: detailsMessage })
  .transform((envelope) => {
    const { message } = envelope;
    const entries: [string | undefined, Record<string, unknown>][] = Array.isArray(message)
      ? message.map((record) => [undefined, record])
      : Object.entries(message);
    return entries.map(([key, record]) =>
      withAddOfferNames({ ...(key === undefined ? {} : { offerid: key }), ...record }),
    );
  })
  .pipe(z.array(offeritOfferSchema));

export type GetDetailsResult = OfferitOffer[];

/** The lookup keys of get_details; a request must carry exactly one. */
export const OFFERIT_DETAILS_LOOKUP_KEYS = [
  'offerid',
  'name',
  'name_like',
  'advertiserid',
  'advertiser_username',
] as const;

const idList = formScalar(
  (text) => /^\d+(\s*,\s*\d+)*$/.test(text),
  'expected an offer id or a comma separated list of offer ids',
).transform((value) => value.split(',').map((id) => id.trim()));

export const getDetailsParamsSchema = z
  .strictObject({
    offerid: idList.optional(),
    name: formText.optional(),
    name_like: formText.optional(),
    advertiserid: formInt.optional(),
    advertiser_username: formText.optional(),
    /**
     * Comma separated column names of the documented vocabulary (not quite the add_offer names,
     * see `detail-columns.ts`); `offerid` is always returned.
     */
    return_columns: formText.optional(),
    start: formInt.optional(),
    count: formInt.optional(),
  })
  .refine(
    (params) => OFFERIT_DETAILS_LOOKUP_KEYS.filter((key) => params[key] !== undefined).length === 1,
    {
      error: `exactly one lookup key is required: ${OFFERIT_DETAILS_LOOKUP_KEYS.join(', ')}`,
    },
  );

export type GetDetailsParams = z.input<typeof getDetailsParamsSchema>;
