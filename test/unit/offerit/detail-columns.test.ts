// The one alias table between get_details' documented column names and the add_offer names.
import { describe, expect, it } from 'vitest';
import {
  DETAIL_COLUMN_ALIASES,
  returnColumnsFor,
  withAddOfferNames,
} from '../../../src/platforms/offerit/wire/detail-columns.js';
import { DETAIL_COLUMNS, offeritOfferSchema } from '../../../src/platforms/offerit/index.js';

describe('get_details column aliases', () => {
  it('holds the four documented spellings of the contract', () => {
    expect(DETAIL_COLUMN_ALIASES).toEqual({
      cost_type: 'advertiser_cost_type',
      cost_flat: 'advertiser_cost_flat',
      cost_perc: 'advertiser_cost_perc',
      authorized_countries_iso: 'authorized',
    });
  });

  it('asks by documented names, and for every field the record schema reads', () => {
    expect(returnColumnsFor(['name', 'advertiser_cost_flat', 'authorized', 'name'])).toBe(
      'name,cost_flat,authorized_countries_iso',
    );
    const asked = DETAIL_COLUMNS.split(',');
    expect(asked).toHaveLength(Object.keys(offeritOfferSchema.shape).length);
    expect(asked).toContain('cost_type');
    expect(asked).not.toContain('advertiser_cost_type');
  });

  it('reads either spelling under the add_offer name; the documented one wins when both come', () => {
    expect(withAddOfferNames({ cost_type: 'sale', name: 'x' })).toEqual({
      advertiser_cost_type: 'sale',
      name: 'x',
    });
    expect(withAddOfferNames({ advertiser_cost_type: 'click', name: 'x' })).toEqual({
      advertiser_cost_type: 'click',
      name: 'x',
    });
    expect(withAddOfferNames({ advertiser_cost_flat: '1', cost_flat: '2' })).toEqual({
      advertiser_cost_flat: '2',
    });
    expect(withAddOfferNames({ authorized_countries: 'Germany', constructor: 'c' })).toEqual({
      authorized_countries: 'Germany',
      constructor: 'c',
    });
  });
});
