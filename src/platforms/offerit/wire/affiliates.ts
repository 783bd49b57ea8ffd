// `GET /affiliate/search`. The documented reply (v2) is the bare object keyed by loginid, with no
// `result`/`message` envelope: `{"3":{"loginid":"3",...}}`, `{}` when nothing matches. v1 ASSUMED
// the same object (or a list, or `[]`) inside a success envelope; every one of these is read. Real
// records carry password hashes and API keys; they are cut off here, at the boundary, so no
// record this client hands out can leak them into a log or a job.
import { z } from 'zod';
import { offeritAffiliateSchema, type OfferitAffiliate } from '../records.js';
import { formInt, formText } from './form-values.js';
import { offeritEnvelopeSchema } from './envelope.js';

/** Field names that hold secrets on affiliate records (matched case-insensitively). */
export const SECRET_FIELD_PATTERN = /pass(word)?|api_?key|secret|token|hash|salt/i;

export function withoutSecrets(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => !SECRET_FIELD_PATTERN.test(key)),
  );
}

const rawRecord = z.record(z.string(), z.unknown());
const affiliatesMessage = z.union([
  z.array(rawRecord).transform((records) => records.map((record) => [undefined, record] as const)),
  z.record(z.string(), rawRecord).transform((records) => Object.entries(records)),
]);

const enveloped = offeritEnvelopeSchema
  .extend({
    message: z.union([
      z.looseObject({ affiliates: affiliatesMessage }).transform((message) => message.affiliates),
      affiliatesMessage,
    ]),
  })
  .transform((envelope) => envelope.message);

/**
 * The whole answer (the transport passes a bare one through, see `CallOptions.bare`). An
 * envelope is told by its `result` text: no loginid is ever called "result".
 */
export const affiliateSearchResponseSchema = z
  .union([enveloped, affiliatesMessage])
  .transform((entries) =>
    entries.map(([key, record]) =>
      withoutSecrets({ ...(key === undefined ? {} : { loginid: key }), ...record }),
    ),
  )
  .pipe(z.array(offeritAffiliateSchema));

/** ASSUMED paging: `start` is a 0-based offset, `count` the page size. */
export const affiliateSearchParamsSchema = z.strictObject({
  loginid: formInt.optional(),
  username: formText.optional(),
  email: formText.optional(),
  start: formInt.optional(),
  count: formInt.optional(),
});

export type AffiliateSearchParams = z.input<typeof affiliateSearchParamsSchema>;
export type { OfferitAffiliate };
