// Contract v2, geo: Offerslook's own target list and v1's {type, countries} are both read into the
// {type, countries} view; what cannot fold is kept beside it, never dropped.
import { describe, expect, it } from 'vitest';
import {
  countryCode,
  countryName,
  foldTargets,
  offerGeoBody,
  offerGeoRequestSchema,
  offerGeoWireSchema,
} from '../../../src/platforms/offerslook/index.js';

describe('reading offer_geo', () => {
  it('reads v1 {type, countries}, and a comma list', () => {
    expect(offerGeoWireSchema.parse({ type: 2, countries: ['cn', 'RU'] })).toEqual({
      type: 2,
      countries: ['CN', 'RU'],
    });
    expect(offerGeoWireSchema.parse({ type: '1', countries: 'US, CA' })).toEqual({
      type: 1,
      countries: ['US', 'CA'],
    });
    expect(offerGeoWireSchema.parse({})).toEqual({});
    expect(offerGeoWireSchema.safeParse({ type: 3 }).success).toBe(false);
  });

  it('folds a target list of whole countries of one type, by code or by name, or a bare list', () => {
    const answer = {
      target: [
        { type: 1, country: 'United States', country_code: 'US', region: '', cities: [] },
        { type: 1, country: 'Canada', country_code: 'CA', region: null },
        { type: 1, country: 'Germany' },
        { type: 1, country: 'gb' },
      ],
    };
    expect(offerGeoWireSchema.parse(answer)).toEqual({
      type: 1,
      countries: ['US', 'CA', 'DE', 'GB'],
    });
    expect(offerGeoWireSchema.parse([{ type: 2, country_code: 'CN' }])).toEqual({
      type: 2,
      countries: ['CN'],
    });
    // The older `target: [{country_code}]` form takes its type from beside the list.
    expect(
      offerGeoWireSchema.parse({
        type: 2,
        target: [{ country_code: 'de' }, { country_code: 'FR' }],
      }),
    ).toEqual({ type: 2, countries: ['DE', 'FR'] });
    expect(offerGeoWireSchema.parse({ target: [] })).toEqual({ type: 1, countries: [] });
  });

  it('keeps targets that mix include and exclude, and says so, beside the nearest view', () => {
    const geo = offerGeoWireSchema.parse({
      target: [
        { type: 1, country_code: 'US' },
        { type: 1, country_code: 'CA' },
        { type: 2, country_code: 'CA' },
      ],
    });
    expect(geo).toEqual({
      type: 1,
      countries: ['US'],
      target: [
        { type: 1, country: 'US' },
        { type: 1, country: 'CA' },
        { type: 2, country: 'CA' },
      ],
      unfolded: 'the targets mix included and excluded countries',
    });
  });

  it('keeps region and city targets, and names it cannot place', () => {
    const regions = offerGeoWireSchema.parse({
      target: [{ type: 1, country_code: 'US', region: 'California', cities: ['Los Angeles'] }],
    });
    expect(regions).toMatchObject({
      type: 1,
      countries: ['US'],
      target: [{ type: 1, country: 'US', region: 'California', cities: ['Los Angeles'] }],
      unfolded: 'some targets name a region or cities',
    });
    expect(foldTargets([{ type: 2, country: 'Atlantis' }])).toMatchObject({
      type: 2,
      countries: [],
      target: [{ type: 2, country: 'Atlantis' }],
      unfolded: 'some targets name a country by a name no ISO code is known for',
    });
  });
});

describe('writing offer_geo', () => {
  it('sends the target list, and takes either form in a request', () => {
    expect(offerGeoBody({ type: 2, countries: ['CN', 'RU'] })).toEqual({
      target: [
        { type: 2, country: 'CN' },
        { type: 2, country: 'RU' },
      ],
    });
    expect(offerGeoRequestSchema.parse({ type: 1, countries: ['US'] })).toEqual({
      type: 1,
      countries: ['US'],
    });
    expect(
      offerGeoRequestSchema.parse({ target: [{ type: 1, country: 'Germany', region: 'Bavaria' }] }),
    ).toEqual({ target: [{ type: 1, country: 'Germany', region: 'Bavaria' }] });
    expect(offerGeoRequestSchema.safeParse({ type: 1, countries: ['us'] }).success).toBe(false);
    expect(offerGeoRequestSchema.safeParse({ target: [{ country: 'US' }] }).success).toBe(false);
  });

  it('knows countries by code and by English name', () => {
    expect(countryName('US')).toBe('United States');
    expect(countryCode('united kingdom')).toBe('GB');
    expect(countryCode('de')).toBe('DE');
    expect(countryCode('UK')).toBe('GB');
    expect(countryCode('XX')).toBeUndefined();
    expect(countryCode('Atlantis')).toBeUndefined();
  });
});
