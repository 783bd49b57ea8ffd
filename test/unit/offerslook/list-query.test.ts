import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { encodeListQuery } from '../../../src/platforms/offerslook/list-query.js';

describe('encodeListQuery', () => {
  it('writes filters in bracket notation and encodes the + of sort', () => {
    const text = encodeListQuery({
      offset: 2,
      limit: 100,
      sort: '+id',
      fields: ['id', 'name'],
      filters: { offer_id: { EQUAL_TO: 7 } },
    });
    expect(text).toBe(
      'offset=2&limit=100&sort=%2Bid&fields=id%2Cname&filters[offer_id][EQUAL_TO]=7',
    );
    // What a server parses back is what was meant.
    expect(qs.parse(text)).toEqual({
      offset: '2',
      limit: '100',
      sort: '+id',
      fields: 'id,name',
      filters: { offer_id: { EQUAL_TO: '7' } },
    });
  });

  it('leaves out what is not given', () => {
    expect(encodeListQuery()).toBe('');
    expect(encodeListQuery({ limit: 1 })).toBe('limit=1');
  });
});
