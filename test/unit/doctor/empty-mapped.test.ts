// Mapped fields reported empty only when empty in every record probed; twin spellings count as one.
import { describe, expect, it } from 'vitest';
import { emptyMappedFields, isEmptyField } from '../../../src/doctor/probe/empty-mapped.js';

describe('emptyMappedFields', () => {
  it('reports a path empty or missing in every record, by dotted path', () => {
    const records = [
      { name: 'a', description: '', offer_geo: { countries: [] } },
      { name: 'b', preview_url: 'x', offer_geo: { countries: [] } },
    ];
    expect(
      emptyMappedFields(
        ['name', 'description', 'preview_url', 'offer_geo.countries', 'currency'],
        records,
      ),
    ).toEqual(['currency', 'description', 'offer_geo.countries']);
    expect(emptyMappedFields(['name'], [])).toEqual([]);
    expect(emptyMappedFields(['x'], [{}], 'goals[].')).toEqual(['goals[].x']);
  });

  it('counts a field filled when its twin spelling is', () => {
    const records = [{ base_event: { approve_conversions: 1 } }];
    const twins = { approve_conversion: 'approve_conversions' };
    expect(emptyMappedFields(['base_event.approve_conversion'], records, '', twins)).toEqual([]);
    expect(emptyMappedFields(['base_event.approve_conversion'], records)).toEqual([
      'base_event.approve_conversion',
    ]);
  });

  it('knows what empty is', () => {
    expect([undefined, null, ' ', [], {}].every(isEmptyField)).toBe(true);
    expect([0, '-1', false, ['US']].some(isEmptyField)).toBe(false);
  });
});
