import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePhpForm, encodePhpForm } from '../../../src/platforms/offerit/php-form.js';

describe('PHP bracket form encoding', () => {
  it('encodes lists and nested lists with indices, booleans as 0/1, and leaves out undefined and null', () => {
    const text = encodePhpForm({
      offerid: 400,
      hidden: true,
      featured: false,
      countries: ['GB', 'DE'],
      goal_vars: [
        { goal_id: 1, name: 'Lead form' },
        { offer_goal_id: '48', amount: '2.50' },
      ],
      skipped: undefined,
      nothing: null,
    });
    expect(text).toBe(
      'offerid=400&hidden=1&featured=0&countries[0]=GB&countries[1]=DE' +
        '&goal_vars[0][goal_id]=1&goal_vars[0][name]=Lead%20form' +
        '&goal_vars[1][offer_goal_id]=48&goal_vars[1][amount]=2.50',
    );
  });

  it('percent-encodes values (macros, URLs, commas) but keeps brackets readable', () => {
    expect(
      encodePhpForm({ url: 'http://example.com/?id=%%click_hash%%&a=b', authorized: 'DE,ES' }),
    ).toBe(
      'url=http%3A%2F%2Fexample.com%2F%3Fid%3D%25%25click_hash%25%25%26a%3Db&authorized=DE%2CES',
    );
  });

  it('decodes what http_build_query sends: + for spaces, %5B%5D brackets, a comma list inside one element', () => {
    expect(
      decodePhpForm(
        'name=API+TEST+Offer&countries%5B0%5D=GB%2CDE&goal_vars%5B0%5D%5Bgoal_id%5D=1&flag=1',
      ),
    ).toEqual({
      name: 'API TEST Offer',
      countries: ['GB,DE'],
      goal_vars: [{ goal_id: '1' }],
      flag: '1',
    });
  });

  it('reads high indices as a list too (PHP arrays are maps; order is kept)', () => {
    const text = Array.from({ length: 30 }, (_, i) => `goal_vars[${i}][goal_id]=${i + 1}`).join(
      '&',
    );
    const decoded = decodePhpForm(text) as { goal_vars: { goal_id: string }[] };
    expect(decoded.goal_vars).toHaveLength(30);
    expect(decoded.goal_vars[29]).toEqual({ goal_id: '30' });
  });

  it('round-trips any text values, lists and nested records', () => {
    const key = fc.stringMatching(/^[a-z][a-z_]{0,11}$/);
    const text = fc.string({ maxLength: 20 });
    const value = fc.oneof(
      text,
      fc.array(text, { minLength: 1, maxLength: 4 }),
      fc.array(fc.dictionary(key, text, { minKeys: 1, maxKeys: 3 }), {
        minLength: 1,
        maxLength: 3,
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), (params) => {
        expect(decodePhpForm(encodePhpForm(params))).toEqual(params);
      }),
    );
  });
});
