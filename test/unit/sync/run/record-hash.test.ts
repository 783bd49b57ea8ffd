// The link store's record hash covers the fields the routes read or write, in one spelling.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMappings, type MappingSet } from '../../../../src/mapping/index.js';
import {
  isLegacyHash,
  legacyRecordHash,
  recordHasher,
  type RecordHasher,
} from '../../../../src/sync/run/record-hash.js';

const MAPPINGS = new URL('../../../../mappings/', import.meta.url).pathname;
let mappings: MappingSet;
let hasher: RecordHasher;
beforeAll(async () => {
  mappings = await loadMappings(MAPPINGS);
  hasher = recordHasher(mappings);
});

const offeritOffer = {
  offerid: '400',
  name: 'Summer',
  flat_amount_per_conversion: '2.80',
  commission_type: 'cpa',
  active: '1',
  hidden: '0',
};

describe('record hashes', () => {
  it('covers what the route from the platform reads and the route into it writes', () => {
    const paths = hasher.paths('offerslook', 'offer');
    expect(paths).toContain('name'); // read and written
    expect(paths).toContain('base_event.is_private');
    expect(paths).toContain('offer_approval'); // written once by the Offerit route
    expect(paths).not.toContain('update_time');
    expect(hasher.paths('offerit', 'offer')).not.toContain('goals');
  });

  it('ignores fields no route looks at: embedded goals, update times, extra columns', () => {
    const plain = hasher.hash('offerit', 'offer', offeritOffer);
    expect(
      hasher.hash('offerit', 'offer', {
        ...offeritOffer,
        goals: [{ offer_goal_id: '48', name: 'Lead' }],
        date_added: '2026-01-01 00:00:00',
        landing_pages: [{ landing_pageid: '432' }],
      }),
    ).toBe(plain);
    expect(hasher.hash('offerit', 'offer', { ...offeritOffer, name: 'Winter' })).not.toBe(plain);
  });

  it('hashes every spelling the field equality calls equal the same', () => {
    const plain = hasher.hash('offerit', 'offer', offeritOffer);
    expect(
      hasher.hash('offerit', 'offer', { ...offeritOffer, flat_amount_per_conversion: '2.8' }),
    ).toBe(plain);
    expect(
      hasher.hash('offerit', 'offer', { ...offeritOffer, flat_amount_per_conversion: 2.8 }),
    ).toBe(plain);
    // "Not set": missing, empty, null and Offerslook's "-1" are one value.
    const unset = hasher.hash('offerit', 'offer', offeritOffer);
    for (const blank of ['', null, '-1', undefined]) {
      expect(
        hasher.hash('offerit', 'offer', { ...offeritOffer, advertiser_cost_flat: blank }),
      ).toBe(unset);
    }
    expect(
      hasher.hash('offerit', 'offer', { ...offeritOffer, flat_amount_per_conversion: '2.81' }),
    ).not.toBe(plain);
  });

  it('tells a legacy whole-record hash from this scheme', () => {
    expect(isLegacyHash(hasher.hash('offerit', 'offer', offeritOffer))).toBe(false);
    expect(isLegacyHash(legacyRecordHash(offeritOffer))).toBe(true);
    expect(isLegacyHash(undefined)).toBe(false);
  });

  it('gives each field a short value hash for observations', () => {
    const values = hasher.fieldHashes('offerit', 'offer', offeritOffer);
    expect(Object.keys(values)).toEqual([...hasher.paths('offerit', 'offer')]);
    const again = hasher.fieldHashes('offerit', 'offer', {
      ...offeritOffer,
      flat_amount_per_conversion: '2.8',
      name: 'Winter',
    });
    expect(again.flat_amount_per_conversion).toBe(values.flat_amount_per_conversion);
    expect(again.name).not.toBe(values.name);
  });
});
