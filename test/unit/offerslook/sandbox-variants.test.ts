// The simulated Offerslook's answer switches: presets, single switches, and errors that name them.
import { describe, expect, it } from 'vitest';
import {
  OFFERSLOOK_PRESETS,
  OfferslookVariantSettings,
} from '../../../src/sandbox/offerslook/variants.js';
import { createOfferslookSandbox } from '../../../src/sandbox/offerslook/index.js';

describe('Offerslook answer switches', () => {
  it('default to the v2 preset, and take a preset and switches over it', () => {
    const settings = new OfferslookVariantSettings();
    expect(settings.current()).toEqual(OFFERSLOOK_PRESETS.v2);
    settings.apply({ answers: 'v1', variants: { geoAnswer: 'targets', offerAll: 'missing' } });
    expect(settings.current()).toEqual({
      ...OFFERSLOOK_PRESETS.v1,
      geoAnswer: 'targets',
      offerAll: 'missing',
    });
    settings.apply({ variants: { batchContains: 'ignored' } });
    expect(settings.get('batchContains')).toBe('ignored');
    expect(settings.get('offerAll')).toBe('missing');
  });

  it('refuse an unknown preset, switch or value by name, changing nothing', () => {
    const settings = new OfferslookVariantSettings('v1');
    const before = settings.current();
    expect(() => settings.apply({ answers: 'v3' })).toThrow('answers: expected "v1" or "v2"');
    expect(() => settings.apply({ variants: { geoAnswers: 'targets' } })).toThrow(
      /^variants: unknown switch geoAnswers \(known: offerEventPatch, /,
    );
    expect(() => settings.apply({ answers: 'v2', variants: { statusCase: 'upper' } })).toThrow(
      'statusCase: expected one of "capitalised", "lower"',
    );
    expect(() => settings.apply({ variants: 'v2' })).toThrow(
      'variants: expected an object of switches',
    );
    expect(settings.current()).toEqual(before);
  });

  it('are options of the sandbox and exposed on it', () => {
    const sandbox = createOfferslookSandbox({
      answers: 'v1',
      variants: { deleteAnswer: 'record' },
    });
    expect(sandbox.variants.current()).toEqual({
      ...OFFERSLOOK_PRESETS.v1,
      deleteAnswer: 'record',
    });
    expect(() => createOfferslookSandbox({ variants: { timestamps: 'iso' as never } })).toThrow(
      'timestamps: expected one of "date-time", "unix"',
    );
  });
});
