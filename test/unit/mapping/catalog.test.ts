// The field catalog read out of the platforms' zod record schemas.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  buildEntityCatalog,
  catalogCache,
  platformRecordSchemas,
} from '../../../src/mapping/index.js';

describe('field catalog', () => {
  const catalog = catalogCache(platformRecordSchemas);

  it('lists nested fields by dotted path, with their allowed values and parsed kinds', () => {
    const offer = catalog('offerslook', 'offer')!;
    expect(offer.label).toBe('offerslook.offer');
    expect(offer.fields.get('base_event.conversion_protocol')).toMatchObject({
      kind: 'number',
      enumValues: [1, 2, 3],
      optional: true,
    });
    expect(offer.fields.get('payout_type')?.enumValues).toContain('CPA+CPS');
    expect(offer.fields.get('start_date')?.kind).toBe('number');
    expect(offer.fields.get('advertiser_id')?.kind).toBe('string');
    expect(offer.fields.get('offer_geo')).toMatchObject({ group: true, kind: 'object' });
    expect(offer.leaves).toContain('offer_geo.countries');
    expect(offer.leaves).not.toContain('offer_geo');
  });

  it('keeps a set open when the schema also takes other values (numeric commission type ids)', () => {
    const offer = catalog('offerit', 'offer')!;
    expect(offer.fields.get('commission_type')?.enumValues).toBeUndefined();
    expect(offer.fields.get('conversion_type')?.enumValues).toEqual([
      '',
      'image',
      'post',
      'iframe',
    ]);
    expect(offer.fields.get('name')?.optional).toBe(false);
    expect(offer.fields.get('authorized')?.kind).toBe('array');
  });

  it('reads any zod object, so fields added to the schemas are picked up', () => {
    const schema = z.object({
      a: z.string(),
      b: z.object({ c: z.enum(['x', 'y']).optional() }).optional(),
      d: z.unknown(),
    });
    const built = buildEntityCatalog('offerit', 'thing', schema);
    expect([...built.fields.keys()]).toEqual(['a', 'b', 'b.c', 'd']);
    expect(built.fields.get('b.c')).toMatchObject({
      optional: true,
      enumValues: ['x', 'y'],
      kind: 'string',
    });
    expect(built.fields.get('d')?.kind).toBe('any');
  });

  it('knows no entity the platforms do not have', () => {
    expect(catalog('offerit', 'offer_event')).toBeUndefined();
  });
});
