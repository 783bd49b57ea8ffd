// One behaviour per transform, each through a real compiled route.
import { describe, expect, it } from 'vitest';
import { context, NOW, OFFER_REQUIRED, route } from './helpers.js';

const base = { offerid: '400', name: 'Offer' };

describe('copy and rename', () => {
  it('copies a field under another name and leaves absent fields out', () => {
    const mapped = route(`${OFFER_REQUIRED}\ndescription: { from: offer_description }`);
    expect(mapped.apply({ ...base, offer_description: 'Hi' }, context()).value).toMatchObject({
      name: 'Offer',
      description: 'Hi',
    });
    expect(mapped.apply(base, context()).value).not.toHaveProperty('description');
  });

  it('writes nested target paths and reads nested source paths', () => {
    const forward = route(
      `${OFFER_REQUIRED}\nbase_event.is_private: { from: hidden, boolean: true }`,
    );
    expect(forward.apply({ ...base, hidden: '1' }, context()).value.base_event).toEqual({
      is_private: 1,
    });
    const backward = route('name: { from: name }\nurl: { from: base_event.name }', {
      route: 'offerslook.offer -> offerit.offer',
      key: '{ source: id, target: offerid }',
    });
    expect(
      backward.apply({ id: '1', name: 'N', base_event: { name: 'deep' } }, context()).value,
    ).toEqual({ name: 'N', url: 'deep' });
  });

  it('brings values into the kind the target schema parses to (ids as text, flags as numbers)', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\nbase_event.conversion_protocol: { from: pending_approval_lockout }\ndescription: { from: offerid }`,
    );
    const { value } = mapped.apply(
      { ...base, offerid: 400, pending_approval_lockout: '2' },
      context(),
    );
    expect(value.description).toBe('400');
    expect((value.base_event as Record<string, unknown>).conversion_protocol).toBe(2);
  });
});

describe('enum map', () => {
  const mapped = route(
    `${OFFER_REQUIRED.replace('payout_type: { const: CPA }', '')}\npayout_type:\n  from: commission_type\n  map: { cpa: CPA, cps: CPS, click: CPC, hybrid: CPA+CPS }`,
  );

  it('maps each known value', () => {
    for (const [from, to] of [
      ['cpa', 'CPA'],
      ['cps', 'CPS'],
      ['click', 'CPC'],
      ['hybrid', 'CPA+CPS'],
    ]) {
      expect(mapped.apply({ ...base, commission_type: from }, context()).value.payout_type).toBe(
        to,
      );
    }
  });

  it('reports an unknown value (seed 001 sends the numeric type id 201) as UNMAPPABLE, never guessing', () => {
    const result = mapped.apply({ ...base, commission_type: '201' }, context());
    expect(result.value).not.toHaveProperty('payout_type');
    expect(result.issues).toEqual([
      {
        field: 'payout_type',
        code: 'UNMAPPABLE',
        message:
          'commission_type "201" has no twin in payout_type (mapped values: cpa, cps, click, hybrid)',
      },
    ]);
  });

  it('treats an empty value as unset, not as unmappable', () => {
    const result = mapped.apply({ ...base, commission_type: '' }, context());
    expect(result.issues.map((issue) => issue.code)).toEqual(['REQUIRED_MISSING']);
  });
});

describe('exact decimal', () => {
  it('keeps the source text exactly when no scale is declared', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\npayout: { from: flat_amount_per_conversion, decimal: true }`,
    );
    expect(
      mapped.apply({ ...base, flat_amount_per_conversion: '2.80' }, context()).value.payout,
    ).toBe('2.80');
    expect(mapped.apply({ ...base, flat_amount_per_conversion: 15 }, context()).value.payout).toBe(
      '15',
    );
  });

  it('applies a margin with a declared scale and rounding, without floats', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\npayout:\n  compute: advertiser_cost_flat * 0.8\n  decimal: { scale: 2, rounding: half-even }`,
    );
    // 0.1 + 0.2 style traps: 1.005 * 0.8 = 0.804 exactly; floats would give 0.8039999...
    expect(mapped.apply({ ...base, advertiser_cost_flat: '1.005' }, context()).value.payout).toBe(
      '0.80',
    );
    expect(mapped.apply({ ...base, advertiser_cost_flat: '0.03125' }, context()).value.payout).toBe(
      '0.02',
    );
    // Beyond float precision (2^53): 12345678901234567.89 * 0.8 = 9876543120987654.312 exactly.
    expect(
      mapped.apply({ ...base, advertiser_cost_flat: '12345678901234567.89' }, context()).value
        .payout,
    ).toBe('9876543120987654.31');
  });

  it('rounds with each declared mode', () => {
    const cases: [string, string][] = [
      ['half-up', '0.13'],
      ['half-down', '0.12'],
      ['half-even', '0.12'],
      ['down', '0.12'],
      ['up', '0.13'],
      ['floor', '0.12'],
      ['ceil', '0.13'],
    ];
    for (const [mode, expected] of cases) {
      const mapped = route(
        `${OFFER_REQUIRED}\npayout: { from: flat_amount_per_conversion, decimal: { scale: 2, rounding: ${mode} } }`,
      );
      expect(
        mapped.apply({ ...base, flat_amount_per_conversion: '0.125' }, context()).value.payout,
        mode,
      ).toBe(expected);
    }
  });

  it('maps "not set" between the platforms\' spellings', () => {
    const amount = 'decimal: { unset: { offerit: "", offerslook: "-1" } }';
    const forward = route(
      `${OFFER_REQUIRED}\npayout: { from: flat_amount_per_conversion, ${amount} }`,
    );
    expect(forward.apply({ ...base, flat_amount_per_conversion: '' }, context()).value.payout).toBe(
      '-1',
    );
    const backward = route(
      `name: { from: name }\nurl: { from: destination_url }\nflat_amount_per_conversion: { from: payout, ${amount} }`,
      { route: 'offerslook.offer -> offerit.offer', key: '{ source: id, target: offerid }' },
    );
    expect(
      backward.apply({ id: '1', name: 'n', payout: '-1' }, context()).value
        .flat_amount_per_conversion,
    ).toBe('');
    expect(
      backward.apply({ id: '1', name: 'n', payout: '-1.00' }, context()).value
        .flat_amount_per_conversion,
    ).toBe('');
  });

  it('reports text that is not a decimal as INVALID_DECIMAL', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\npayout: { from: flat_amount_per_conversion, decimal: true }\nrevenue: { compute: advertiser_cost_flat / advertiser_cost_perc }`,
    );
    const result = mapped.apply(
      {
        ...base,
        flat_amount_per_conversion: '1e3',
        advertiser_cost_flat: '1',
        advertiser_cost_perc: '0',
      },
      context(),
    );
    expect(result.issues).toEqual([
      {
        field: 'payout',
        code: 'INVALID_DECIMAL',
        message: 'flat_amount_per_conversion "1e3" is not a decimal number',
      },
      { field: 'revenue', code: 'INVALID_DECIMAL', message: 'compute: division by zero' },
    ]);
  });
});

describe('integer and boolean', () => {
  it('reads whole numbers and rejects others', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\nbase_event.conversion_protocol: { from: pending_approval_lockout, integer: true }`,
    );
    expect(
      mapped.apply({ ...base, pending_approval_lockout: '3' }, context()).value.base_event,
    ).toEqual({ conversion_protocol: 3 });
    expect(
      mapped.apply({ ...base, pending_approval_lockout: '3.5' }, context()).issues[0]?.code,
    ).toBe('INVALID_INTEGER');
  });

  it('reads every platform form and writes the target\'s (0/1 numbers, "0"/"1" text, or a declared form)', () => {
    const toNumber = route(
      `${OFFER_REQUIRED}\nbase_event.is_private: { from: hidden, boolean: true }`,
    );
    for (const [input, output] of [
      ['1', 1],
      ['0', 0],
      [1, 1],
      [0, 0],
      [true, 1],
      [false, 0],
      ['true', 1],
    ] as const) {
      expect(toNumber.apply({ ...base, hidden: input }, context()).value.base_event).toEqual({
        is_private: output,
      });
    }
    const toText = route(
      'name: { from: name }\nurl: { from: destination_url }\nhidden: { from: base_event.is_private, boolean: true }',
      { route: 'offerslook.offer -> offerit.offer', key: '{ source: id, target: offerid }' },
    );
    expect(
      toText.apply({ id: '1', name: 'n', base_event: { is_private: 1 } }, context()).value.hidden,
    ).toBe('1');
    const declared = route(
      'name: { from: name }\nurl: { from: destination_url }\nhidden: { from: base_event.is_private, boolean: { offerit: bool } }',
      { route: 'offerslook.offer -> offerit.offer', key: '{ source: id, target: offerid }' },
    );
    // A declared form wins over the target's kind only where the kind allows it: text fields turn true into "1".
    expect(
      declared.apply({ id: '1', name: 'n', base_event: { is_private: 0 } }, context()).value.hidden,
    ).toBe('0');
    expect(toNumber.apply({ ...base, hidden: 'maybe' }, context()).issues[0]?.code).toBe(
      'INVALID_BOOLEAN',
    );
  });
});

describe('dates', () => {
  const forward = route(
    `${OFFER_REQUIRED}\nstart_date: { from: date_live, date: { offerit: datetime, offerslook: unix, unset: { offerit: "", offerslook: 0 } } }`,
  );

  it('turns strtotime-style text into unix seconds (UTC)', () => {
    expect(
      forward.apply({ ...base, date_live: '2016-06-16 21:01:33' }, context()).value.start_date,
    ).toBe(1466110893);
    expect(forward.apply({ ...base, date_live: '2016-06-16' }, context()).value.start_date).toBe(
      1466035200,
    );
    expect(forward.apply({ ...base, date_live: '1466110893' }, context()).value.start_date).toBe(
      1466110893,
    );
  });

  it('maps Never and empty to the declared "no date"', () => {
    expect(forward.apply({ ...base, date_live: 'Never' }, context()).value.start_date).toBe(0);
    expect(forward.apply({ ...base, date_live: '' }, context()).value.start_date).toBe(0);
  });

  it('reports text that is no date as INVALID_DATE', () => {
    const result = forward.apply({ ...base, date_live: '2016-02-30' }, context());
    expect(result.issues).toEqual([
      {
        field: 'start_date',
        code: 'INVALID_DATE',
        message: 'date_live: "2016-02-30" is not a calendar date',
      },
    ]);
  });

  it('writes YYYY-MM-DD and reads it back as the end of the day when asked', () => {
    const toDay = route(
      'offer_id: { from: offerid }\naffiliate_id: { from: loginid }\naffiliate_tier.expiration_time: { from: end_time, date: { offerit: datetime, offerslook: day } }',
      {
        route: 'offerit.commission_change -> offerslook.affiliate_payout',
        key: '{ source: [offerid, changeid], target: id }',
      },
    );
    expect(
      toDay.apply({ offerid: '1', loginid: '2', end_time: '2016-10-03 12:00:00' }, context()).value
        .affiliate_tier,
    ).toEqual({ expiration_time: '2016-10-03' });
    const fromDay = route(
      'offerid: { from: offer_id }\ntype: { const: temporary }\nend_time: { from: affiliate_tier.expiration_time, date: { offerit: datetime, offerslook: day, day_end: true } }',
      {
        route: 'offerslook.affiliate_payout -> offerit.commission_change',
        key: '{ source: id, target: [offerid, changeid] }',
      },
    );
    expect(
      fromDay.apply(
        {
          id: '1',
          offer_id: '7',
          affiliate_id: '7',
          affiliate_tier: { expiration_time: '2016-10-03' },
        },
        context(),
      ).value.end_time,
    ).toBe('2016-10-03 23:59:59');
    // Offerslook answers tier dates as unix seconds. Seed 002's 1475510399 is 2016-10-03 23:59:59 at
    // UTC+8 (the network's zone), 15:59:59 UTC: the engine reads it as UTC, as the contract says.
    expect(
      fromDay.apply(
        {
          id: '1',
          offer_id: '7',
          affiliate_id: '7',
          affiliate_tier: { expiration_time: 1475510399 },
        },
        context(),
      ).value.end_time,
    ).toBe('2016-10-03 15:59:59');
  });

  it('takes "now" from the context, never from the clock', () => {
    const withDefault = route(
      `${OFFER_REQUIRED}\nstart_date: { from: date_live, default: now, date: { offerit: datetime, offerslook: unix } }`,
    );
    expect(withDefault.apply(base, context()).value.start_date).toBe(
      Math.floor(NOW.getTime() / 1000),
    );
    expect(
      withDefault.apply(base, context({}, new Date('2001-01-01T00:00:00Z'))).value.start_date,
    ).toBe(978307200);
  });
});

describe('default, constant, template, condition, cases', () => {
  it('uses a default only when the source has no such field', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\ndescription: { from: offer_description, default: "(none)" }`,
    );
    expect(mapped.apply(base, context()).value.description).toBe('(none)');
    expect(mapped.apply({ ...base, offer_description: '' }, context()).value.description).toBe('');
  });

  it('writes a constant, parsed as the target field reads it', () => {
    const mapped = route(OFFER_REQUIRED);
    expect(mapped.apply(base, context()).value.offer_approval).toBe(2);
  });

  it('fills a template from source fields', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\ndescription: { template: "\${name} (#\${offerid}) costs $$\${advertiser_cost_flat}" }`,
    );
    expect(mapped.apply({ ...base, advertiser_cost_flat: '5' }, context()).value.description).toBe(
      'Offer (#400) costs $5',
    );
  });

  it('writes a field only when its condition holds', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\npercent_payout: { when: { commission_type: [cps, hybrid] }, from: percentage_of_customer_conversion }`,
    );
    expect(
      mapped.apply(
        { ...base, commission_type: 'cps', percentage_of_customer_conversion: '15' },
        context(),
      ).value.percent_payout,
    ).toBe('15');
    expect(
      mapped.apply(
        { ...base, commission_type: 'cpa', percentage_of_customer_conversion: '15' },
        context(),
      ).value,
    ).not.toHaveProperty('percent_payout');
  });

  it('picks the first case whose condition holds', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\npayout:\n  cases:\n    - when: { commission_type: click }\n      from: flat_amount_per_click\n    - from: flat_amount_per_conversion`,
    );
    const record = { ...base, flat_amount_per_click: '0.5', flat_amount_per_conversion: '20' };
    expect(mapped.apply({ ...record, commission_type: 'click' }, context()).value.payout).toBe(
      '0.5',
    );
    expect(mapped.apply({ ...record, commission_type: 'cpa' }, context()).value.payout).toBe('20');
  });

  it('compares numbers as decimals in conditions (gt, eq)', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\nbase_event.approve_conversions:\n  cases:\n    - when: { pending_approval_lockout: { gt: 0 } }\n      const: 1\n    - when: { pending_approval_lockout: "0.0" }\n      const: 0`,
    );
    expect(
      mapped.apply({ ...base, pending_approval_lockout: '3600' }, context()).value.base_event,
    ).toEqual({ approve_conversions: 1 });
    expect(
      mapped.apply({ ...base, pending_approval_lockout: '0' }, context()).value.base_event,
    ).toEqual({ approve_conversions: 0 });
    expect(mapped.apply(base, context()).value).not.toHaveProperty('base_event');
  });
});

describe('link lookup, replace, list, single_key', () => {
  it('resolves ids through the injected resolver and reports unknown ones', () => {
    const mapped = route(
      OFFER_REQUIRED.replace(
        'advertiser_id: { const: "1" }',
        'advertiser_id: { from: advertiserid, link: advertiser }',
      ),
    );
    expect(
      mapped.apply({ ...base, advertiserid: '9' }, context({ advertiser: { '9': '12' } })).value
        .advertiser_id,
    ).toBe('12');
    expect(mapped.apply({ ...base, advertiserid: '9' }, context()).issues).toEqual([
      {
        field: 'advertiser_id',
        code: 'UNRESOLVED_LINK',
        message: 'no advertiser link for offerit id "9" (advertiserid)',
      },
    ]);
  });

  it('translates macros with a table, longest match first', () => {
    const mapped = route(`${OFFER_REQUIRED}\ndestination_url: { from: url, replace: macros }`, {
      extra: 'tables:\n  macros: { "%%click_hash%%": "{click_id}", "%%click%%": "{c}" }',
    });
    expect(
      mapped.apply(
        { ...base, url: 'http://x/?a=%%click_hash%%&b=%%click%%&c=%%click_hash%%' },
        context(),
      ).value.destination_url,
    ).toBe('http://x/?a={click_id}&b={c}&c={click_id}');
  });

  it('splits and upper-cases a country list', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\noffer_geo.countries: { from: authorized, list: { upper: true } }`,
    );
    expect(
      mapped.apply({ ...base, authorized: ['gb, de', 'it'] as unknown }, context()).value.offer_geo,
    ).toEqual({ countries: ['GB', 'DE', 'IT'] });
  });

  it('takes the one key of a map, and reports a map with several', () => {
    const mapped = route(
      'offer_id: { from: offerid }\naffiliate_id: { from: affiliates, single_key: true, link: affiliate }',
      {
        route: 'offerit.commission_change -> offerslook.affiliate_payout',
        key: '{ source: [offerid, changeid], target: id }',
      },
    );
    expect(
      mapped.apply(
        { offerid: '1', affiliates: { '43': 'affname' } },
        context({ affiliate: { '43': '7' } }),
      ).value.affiliate_id,
    ).toBe('7');
    expect(
      mapped.apply({ offerid: '1', affiliates: { '43': 'a', '44': 'b' } }, context()).issues[0],
    ).toEqual({
      field: 'affiliate_id',
      code: 'INVALID_VALUE',
      message: 'affiliates names 2 entries; exactly one was expected',
    });
  });
});

describe('policies and lossy reporting', () => {
  it('lists each target field with its sync policy and owner; "never" fields are not written', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\ndescription: { from: offer_description, sync: never }\npreview_url: { from: preview_url, owner: offerslook, sync: once }`,
      {
        extra: 'sync: always\nowner: offerit',
      },
    );
    expect(mapped.fields).toContainEqual({
      target: 'description',
      sync: 'never',
      owner: 'offerit',
      reads: ['offer_description'],
    });
    expect(mapped.fields).toContainEqual({
      target: 'preview_url',
      sync: 'once',
      owner: 'offerslook',
      reads: ['preview_url'],
    });
    expect(mapped.fields).toContainEqual({
      target: 'name',
      sync: 'always',
      owner: 'offerit',
      reads: ['name'],
    });
    expect(
      mapped.apply({ ...base, offer_description: 'x', preview_url: 'y' }, context()).value,
    ).not.toHaveProperty('description');
  });

  it('reports a lossy field on every record that carries a value there, and only then', () => {
    const mapped = route(OFFER_REQUIRED, {
      extra: 'lossy:\n  featured: no twin\n  flat_amount_per_continuity: no continuity',
    });
    expect(
      mapped.apply({ ...base, featured: '1', flat_amount_per_continuity: '5' }, context()).lossy,
    ).toEqual([
      { field: 'featured', reason: 'no twin' },
      { field: 'flat_amount_per_continuity', reason: 'no continuity' },
    ]);
    expect(
      mapped.apply({ ...base, featured: '0', flat_amount_per_continuity: '' }, context()).lossy,
    ).toEqual([]);
  });

  it('never throws on a bad record', () => {
    const mapped = route(
      `${OFFER_REQUIRED}\npayout: { from: flat_amount_per_conversion, decimal: true }\nstart_date: { from: date_live, date: { offerit: datetime, offerslook: unix } }`,
    );
    for (const record of [
      null,
      42,
      'text',
      [],
      { offerid: {}, name: [], flat_amount_per_conversion: { a: 1 }, date_live: [] },
    ]) {
      const result = mapped.apply(record as never, context());
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });
});
