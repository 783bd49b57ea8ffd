// How the simulated Offerslook answers where the contract lists more than one way a real network
// answers (contract section 2, the v2 points). Each switch picks one; a preset picks them all as
// one version of the contract described them. Set at creation (`answers`, `variants` options) or
// later with `POST /__sandbox/settings {"answers":"v1"}` / `{"variants":{"geoAnswer":"countries"}}`.
// The README beside this file lists what each value does.
import { z } from 'zod';
import type { VariantSettings } from '../common/index.js';

export const OFFERSLOOK_VARIANT_VALUES = {
  /** Event PATCH: fields from the query only, a JSON body ignored (v2); or the body too (v1). */
  offerEventPatch: ['query', 'query-or-body'],
  /** DELETE /v1/affiliate_payouts/{id}: `{"affiliate_payout":{...}}` (v2) or `{}` (v1). */
  deleteAnswer: ['record', 'empty'],
  /** Offer statuses: `"Active"` (v2) or `"active"` (v1). */
  statusCase: ['capitalised', 'lower'],
  /** Offer times: create/update as `YYYY-MM-DD HH:MM:SS`, unset dates `null` (v2); unix seconds (v1). */
  timestamps: ['date-time', 'unix'],
  /** `offer_geo` in answers: the target list (v2) or `{type, countries}` (v1). */
  geoAnswer: ['targets', 'countries'],
  /** `GET /v1/offers/{id}/all` exists (both presets) or answers 404 like an older server. */
  offerAll: ['available', 'missing'],
  /** `GET /v1/batches/offers` nests what `contains` asks for (both presets), or ignores it. */
  batchContains: ['honoured', 'ignored'],
} as const;

type Values = typeof OFFERSLOOK_VARIANT_VALUES;
export type OfferslookVariants = { -readonly [Name in keyof Values]: Values[Name][number] };
export type OfferslookAnswers = 'v1' | 'v2';

export const OFFERSLOOK_PRESETS: Readonly<Record<OfferslookAnswers, Readonly<OfferslookVariants>>> =
  {
    v1: {
      offerEventPatch: 'query-or-body',
      deleteAnswer: 'empty',
      statusCase: 'lower',
      timestamps: 'unix',
      geoAnswer: 'countries',
      offerAll: 'available',
      batchContains: 'honoured',
    },
    v2: {
      offerEventPatch: 'query',
      deleteAnswer: 'record',
      statusCase: 'capitalised',
      timestamps: 'date-time',
      geoAnswer: 'targets',
      offerAll: 'available',
      batchContains: 'honoured',
    },
  };

/** The default: the contract's current version. */
export const DEFAULT_OFFERSLOOK_ANSWERS: OfferslookAnswers = 'v2';

const answersSchema = z.enum(['v1', 'v2'], { error: 'answers: expected "v1" or "v2"' });
const variantsSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(OFFERSLOOK_VARIANT_VALUES).map(([name, values]) => [
      name,
      z
        .enum(values, {
          error: `${name}: expected one of ${values.map((v) => `"${v}"`).join(', ')}`,
        })
        .optional(),
    ]),
  ),
);

export class OfferslookVariantSettings implements VariantSettings {
  private values: OfferslookVariants;

  /** Throws an Error naming a bad preset or switch. */
  constructor(answers: unknown = DEFAULT_OFFERSLOOK_ANSWERS, variants?: unknown) {
    this.values = { ...OFFERSLOOK_PRESETS[DEFAULT_OFFERSLOOK_ANSWERS] };
    this.apply({ answers, variants });
  }

  /** A preset first, then single switches over it; nothing changes when either is bad. */
  apply(change: { answers?: unknown; variants?: unknown }): void {
    let next = { ...this.values };
    if (change.answers !== undefined)
      next = { ...OFFERSLOOK_PRESETS[parse(answersSchema, change.answers)] };
    if (change.variants !== undefined) {
      const switches = parse(variantsSchema, change.variants) as Partial<OfferslookVariants>;
      for (const [name, value] of Object.entries(switches))
        if (value !== undefined) (next as Record<string, string>)[name] = value;
    }
    this.values = next;
  }

  current(): OfferslookVariants {
    return { ...this.values };
  }

  /** One switch, as handlers read it on every request. */
  get<Name extends keyof OfferslookVariants>(name: Name): OfferslookVariants[Name] {
    return this.values[name];
  }
}

function parse<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys')
    throw new Error(
      `variants: unknown switch ${issue.keys.join(', ')} (known: ${Object.keys(OFFERSLOOK_VARIANT_VALUES).join(', ')})`,
    );
  if (issue?.code === 'invalid_type' && issue.path.length === 0)
    throw new Error('variants: expected an object of switches');
  throw new Error(issue?.message ?? 'invalid variants');
}
