import qs from 'qs';
import { describe, expect, it } from 'vitest';
import { encodeListQuery } from '../../../src/platforms/offerslook/list-query.js';

describe('encodeListQuery', () => {
  it('writes filters in raw bracket notation and ascending sort keys without a +', () => {
    const text = encodeListQuery({
      offset: 2,
      limit: 100,
      sort: '+id,-name',
      fields: ['id', 'name'],
      filters: { offer_id: { EQUAL_TO: 7 } },
      contains: ['offer', 'offer_event'],
    });
    // A `+` would decode to a space on the server: ascending is the default, so it is left out.
    expect(text).toBe(
      'offset=2&limit=100&sort=id%2C-name&fields=id%2Cname&filters[offer_id][EQUAL_TO]=7&contains=offer%2Coffer_event',
    );
    // What a server parses back is what was meant.
    expect(qs.parse(text)).toEqual({
      offset: '2',
      limit: '100',
      sort: 'id,-name',
      fields: 'id,name',
      filters: { offer_id: { EQUAL_TO: '7' } },
      contains: 'offer,offer_event',
    });
  });

  it('leaves out what is not given', () => {
    expect(encodeListQuery()).toBe('');
    expect(encodeListQuery({ limit: 1 })).toBe('limit=1');
  });
});
