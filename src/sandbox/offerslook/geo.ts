// Geo targeting on the simulated platform. Requests come in either form the contract knows:
// v1's `{type, countries}` or Offerslook's own `{target: [{type, country (ISO-2 or name),
// region?, cities?}]}`. Answers go out in the form the `geoAnswer` switch names; a target list
// answer carries `country` (the name) and `country_code`, as the platform's do.
import type { z } from 'zod';
import { countryCode, countryName } from '../../platforms/offerslook/wire/countries.js';
import type { offerGeoRequestSchema } from '../../platforms/offerslook/wire/index.js';
import { invalid } from './http-error.js';
import type { StoredGeo, StoredGeoTarget } from './model.js';
import type { OfferslookVariants } from './variants.js';

export type GeoInput = z.output<typeof offerGeoRequestSchema>;

/** A request's geo as the store keeps it; a country no code is known for is a 422. */
export function storedGeoOf(input: GeoInput, field = 'offer_geo'): StoredGeo {
  if ('countries' in input) return { type: input.type, countries: [...new Set(input.countries)] };
  const targets = input.target.map((target, index): StoredGeoTarget => {
    const code = countryCode(target.country);
    if (code === undefined)
      throw invalid(`${field}.target.${index}.country`, `unknown country ${target.country}`);
    const stored: StoredGeoTarget = { type: target.type, country_code: code };
    if (target.region !== undefined && target.region.trim() !== '') stored.region = target.region;
    if (target.cities !== undefined && target.cities.length > 0) stored.cities = target.cities;
    return stored;
  });
  const types = new Set(targets.map((target) => target.type));
  const whole = targets.every(
    (target) => target.region === undefined && target.cities === undefined,
  );
  const countries = [...new Set(targets.map((target) => target.country_code))];
  if (whole && types.size <= 1) return { type: targets[0]?.type ?? 1, countries };
  return { type: 1, countries: [], targets };
}

/** The geo as an answer carries it. */
export function geoOut(
  geo: StoredGeo,
  form: OfferslookVariants['geoAnswer'],
): Record<string, unknown> {
  if (form === 'countries' && geo.targets === undefined)
    return { type: geo.type, countries: [...geo.countries] };
  // A v1-shaped answer cannot hold mixed or narrowed targets: those go out as the list anyway.
  const targets: StoredGeoTarget[] =
    geo.targets ?? geo.countries.map((code) => ({ type: geo.type, country_code: code }));
  return {
    target: targets.map((target) => ({
      type: target.type,
      country: countryName(target.country_code) ?? target.country_code,
      country_code: target.country_code,
      ...(target.region === undefined ? {} : { region: target.region }),
      ...(target.cities === undefined ? {} : { cities: target.cities }),
    })),
  };
}

/** The geo as a fixture (and a snapshot) holds it: v1's form where it fits, else the list. */
export function geoFixture(geo: StoredGeo): Record<string, unknown> {
  if (geo.targets === undefined) return { type: geo.type, countries: [...geo.countries] };
  return {
    target: geo.targets.map(({ country_code, ...rest }) => ({ ...rest, country: country_code })),
  };
}
