// An offer's geo targeting (contract section 2, v2). Offerslook's own model is a list of targets,
// each included or excluded: `offer_geo.target[] {type: 1 include | 2 exclude, country (ISO-2 or
// name), region, cities}`, and answers carry `country` and `country_code`. Version 1 of the
// contract described `{type, countries}`. Both are read; requests send the list.
//
// Records keep the `{type, countries}` view the mappings use. A list folds into it exactly when
// every target is a whole country and all targets share one type. Any other list (include and
// exclude mixed, a region or city, a country no code is known for) cannot be written as that
// view: the record then keeps the targets as read under `target`, says why under `unfolded`, and
// carries the nearest country-level view beside them, so nothing is dropped silently and a record
// written back sends its targets unchanged.
import { z } from 'zod';
import { wireInt } from '../../wire-values.js';
import { countryCode } from './countries.js';

/** 1 include the countries, 2 exclude them. */
export const OFFER_GEO_TYPES = [1, 2] as const;
export type GeoType = (typeof OFFER_GEO_TYPES)[number];

const geoType = wireInt.pipe(
  z.literal(OFFER_GEO_TYPES, { error: 'expected 1 (include) or 2 (exclude)' }),
);

/** One target as an answer carries it; every part but the type and a country is optional. */
const targetWireSchema = z.looseObject({
  type: geoType.optional(),
  country: z.string().nullable().optional(),
  country_code: z.string().nullable().optional(),
  region: z
    .union([z.string(), z.array(z.unknown())])
    .nullable()
    .optional(),
  cities: z
    .union([z.string(), z.array(z.unknown())])
    .nullable()
    .optional(),
});
type TargetWire = z.output<typeof targetWireSchema>;

/** A target as a record keeps it (and as a request sends it back). */
export interface GeoTarget {
  type: GeoType;
  /** ISO-2 when known, else the name as the platform gave it. */
  country: string;
  region?: unknown;
  cities?: unknown;
}

/** The entity view of `offer_geo`. */
export interface OfferGeoView {
  type?: GeoType;
  countries?: string[];
  /** Only when the targets do not fold into `type` + `countries`: the targets as read. */
  target?: GeoTarget[];
  /** Why `target` is there. */
  unfolded?: string;
  [other: string]: unknown;
}

/**
 * `offer_geo` in any form an answer sends: `{type, countries}` (countries as a list or a comma
 * list), `{type?, target: [...]}`, or a bare list of targets. Read as the entity view.
 */
export const offerGeoWireSchema = z
  .preprocess(
    (value) => (Array.isArray(value) ? { target: value } : value),
    z.looseObject({
      type: geoType.optional(),
      countries: z.union([z.array(z.string()), z.string()]).optional(),
      target: z.array(targetWireSchema).nullable().optional(),
    }),
  )
  .transform(({ type, countries, target, ...rest }): OfferGeoView => {
    const listed = (typeof countries === 'string' ? countries.split(',') : (countries ?? []))
      .map((code) => code.trim().toUpperCase())
      .filter((code) => code !== '');
    if (target === undefined || target === null) {
      const view: OfferGeoView = { ...rest };
      if (type !== undefined) view.type = type;
      if (countries !== undefined) view.countries = unique(listed);
      return view;
    }
    const targets = [
      ...listed.map((country): GeoTarget => ({ type: type ?? 1, country })),
      ...target.map((item) => otherPlatform(item, type)),
    ];
    return { ...rest, ...foldTargets(targets) };
  });
export type OfferslookOfferGeo = z.output<typeof offerGeoWireSchema>;

/** Folds targets into the `{type, countries}` view (see the top of this file). */
export function foldTargets(targets: readonly GeoTarget[]): OfferGeoView {
  const whole = (target: GeoTarget) =>
    isNone(target.region) && isNone(target.cities) && /^[A-Z]{2}$/.test(target.country);
  const types = new Set(targets.map((target) => target.type));
  if (targets.every(whole) && types.size <= 1) {
    return { type: targets[0]?.type ?? 1, countries: unique(targets.map((t) => t.country)) };
  }
  const unfolded =
    types.size > 1
      ? 'the targets mix included and excluded countries'
      : targets.some((target) => !isNone(target.region) || !isNone(target.cities))
        ? 'some targets name a region or cities'
        : 'some targets name a country by a name no ISO code is known for';
  const codes = (type: GeoType, wholeOnly: boolean) =>
    targets
      .filter((t) => t.type === type && (!wholeOnly || whole(t)))
      .map((t) => t.country)
      .filter((country) => /^[A-Z]{2}$/.test(country));
  // Nearest country-level view: the included countries less those excluded whole; else the
  // countries excluded whole.
  const included = codes(1, false);
  const excluded = new Set(codes(2, true));
  const view: OfferGeoView =
    included.length > 0
      ? { type: 1, countries: unique(included.filter((code) => !excluded.has(code))) }
      : { type: 2, countries: unique([...excluded]) };
  return { ...view, target: targets.map((target) => ({ ...target })), unfolded };
}

/** The targets a record's geo view stands for: its kept `target` list, or one per country. */
export function targetsOfView(geo: Readonly<Record<string, unknown>>): GeoTarget[] {
  if (Array.isArray(geo.target))
    return (geo.target as GeoTarget[]).map((target) => ({ ...target }));
  const type = Number(geo.type ?? 1) === 2 ? 2 : 1;
  const countries = Array.isArray(geo.countries) ? (geo.countries as unknown[]) : [];
  return countries.map((country) => ({ type, country: String(country).trim().toUpperCase() }));
}

function otherPlatform(item: TargetWire, outerType: GeoType | undefined): GeoTarget {
  const given = [item.country_code, item.country].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  const code = given === undefined ? undefined : countryCode(given);
  const target: GeoTarget = { type: item.type ?? outerType ?? 1, country: code ?? given ?? '' };
  if (!isNone(item.region)) target.region = item.region;
  if (!isNone(item.cities)) target.cities = item.cities;
  return target;
}

function isNone(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

// ---- requests -------------------------------------------------------------------------------

const iso2 = z.string().regex(/^[A-Z]{2}$/, { error: 'expected ISO 3166-1 alpha-2 codes' });

/** A target in a request: the country as ISO-2 or name; region and cities optional. */
export const geoTargetRequestSchema = z.strictObject({
  type: geoType,
  country: z.string().trim().min(1, { error: 'a country is required' }),
  region: z.string().optional(),
  cities: z.union([z.string(), z.array(z.string())]).optional(),
});

/** v1's form, `{type, countries: [ISO2]}`. */
export const geoCountriesRequestSchema = z.strictObject({
  type: geoType,
  countries: z.array(iso2),
});

/** v2's form, Offerslook's own: `{target: [...]}`. */
export const geoTargetsRequestSchema = z.strictObject({
  target: z.array(geoTargetRequestSchema),
});

/** `offer_geo` in a request: either form (the client sends the target list). */
export const offerGeoRequestSchema = z.union([geoTargetsRequestSchema, geoCountriesRequestSchema]);
export type OfferslookGeoRequest = z.input<typeof offerGeoRequestSchema>;
