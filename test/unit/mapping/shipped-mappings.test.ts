// The shipped mappings (mappings/*.yaml) do what the contract's section 3 says, field by field.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadMappings,
  tableResolver,
  type ApplyContext,
  type CompiledRoute,
  type MappingSet,
} from '../../../src/mapping/index.js';

const NOW = new Date('2024-01-01T00:00:00Z');
const links = (tables: Parameters<typeof tableResolver>[0] = {}): ApplyContext => ({
  now: NOW,
  resolve: tableResolver(tables),
});

let mappings: MappingSet;
let offer: CompiledRoute;
let offerBack: CompiledRoute;
let goal: CompiledRoute;
let goalBack: CompiledRoute;
let change: CompiledRoute;
let changeBack: CompiledRoute;

beforeAll(async () => {
  mappings = await loadMappings('mappings');
  offer = mappings.route('offerit', 'offer')!;
  offerBack = mappings.route('offerslook', 'offer')!;
  goal = mappings.route('offerit', 'goal')!;
  goalBack = mappings.route('offerslook', 'goal')!;
  change = mappings.route('offerit', 'commission')!;
  changeBack = mappings.route('offerslook', 'commission')!;
});

describe('the shipped set', () => {
  it('has both directions of the offer, goal and commission routes, each fully accounted for', () => {
    expect([...mappings.routes.keys()].sort()).toEqual([
      'offerit.commission_change->offerslook.affiliate_payout',
      'offerit.goal->offerslook.offer_event',
      'offerit.offer->offerslook.offer',
      'offerslook.affiliate_payout->offerit.commission_change',
      'offerslook.offer->offerit.offer',
      'offerslook.offer_event->offerit.goal',
    ]);
    expect(offerBack.name).toBe('offerslook.offer->offerit.offer');
    expect(goalBack.kind).toBe('goal');
    expect(mappings.route('offerit', 'affiliate')).toBeUndefined();
    for (const route of mappings.routes.values()) expect(route.coverage.unaccounted).toEqual([]);
    expect(mappings.warnings).toEqual([]);
  });
});

describe('offer <-> offer', () => {
  const base = {
    offerid: '400',
    name: 'Offer',
    url: 'http://x/',
    advertiserid: '9',
    advertiser_cost_type: 'conversion',
    commission_type: 'cpa',
  };
  const ctx = links({ advertiser: { '9': '12' } });

  it('sets offer_approval 2 (public) once, on create only', () => {
    expect(offer.apply(base, ctx).value.offer_approval).toBe(2);
    expect(offer.fields.find((field) => field.target === 'offer_approval')).toEqual({
      target: 'offer_approval',
      sync: 'once',
      reads: [],
    });
  });

  it('names the source fields each target field is computed from', () => {
    const payout = offer.fields.find((field) => field.target === 'payout');
    expect(payout?.reads).toEqual([
      'commission_type',
      'flat_amount_per_click',
      'flat_amount_per_conversion',
    ]);
  });

  it('translates click macros both ways', () => {
    const there = offer.apply(
      { ...base, url: 'http://x/?c=%%click_hash%%&d=%%click_hash%%' },
      ctx,
    ).value;
    expect(there.destination_url).toBe('http://x/?c={click_id}&d={click_id}');
    expect(
      offerBack.apply({ id: '1', name: 'n', destination_url: 'http://y/?c={click_id}' }, links())
        .value.url,
    ).toBe('http://y/?c=%%click_hash%%');
  });

  it('pays a click offer from flat_amount_per_click, and writes it back there', () => {
    const there = offer.apply(
      {
        ...base,
        commission_type: 'click',
        flat_amount_per_click: '0.25',
        flat_amount_per_conversion: '9',
      },
      ctx,
    ).value;
    expect([there.payout_type, there.payout]).toEqual(['CPC', '0.25']);
    const back = offerBack.apply(
      { id: '1', name: 'n', payout_type: 'CPC', payout: '0.25' },
      links(),
    ).value;
    expect(back).toMatchObject({ commission_type: 'click', flat_amount_per_click: '0.25' });
    expect(back).not.toHaveProperty('flat_amount_per_conversion');
  });

  it('writes an empty Offerit amount as "-1" and reads "-1" back as empty', () => {
    expect(
      offer.apply({ ...base, flat_amount_per_conversion: '', advertiser_cost_flat: '' }, ctx).value,
    ).toMatchObject({ payout: '-1', revenue: '-1' });
    expect(
      offerBack.apply({ id: '1', name: 'n', percent_payout: '-1' }, links()).value
        .percentage_of_customer_conversion,
    ).toBe('');
  });

  it('maps hidden, active, conversion type and approval lockout onto status and the base event', () => {
    const there = offer.apply(
      {
        ...base,
        hidden: '1',
        active: '0',
        conversion_type: 'iframe',
        pending_approval_lockout: '3600',
      },
      ctx,
    ).value;
    expect(there.status).toBe('paused');
    expect(there.base_event).toEqual({
      is_private: 1,
      conversion_protocol: 3,
      approve_conversions: 1,
    });
    const back = offerBack.apply(
      {
        id: '1',
        name: 'n',
        status: 'pending',
        base_event: { is_private: 0, approve_conversion: 0, conversion_protocol: 1 },
      },
      links(),
    ).value;
    expect(back).toMatchObject({
      active: '0',
      hidden: '0',
      conversion_type: 'image',
      pending_approval_lockout: '0',
    });
  });

  it('maps dates to unix seconds and Never to 0, and back', () => {
    const there = offer.apply(
      { ...base, date_live: '2016-06-16 21:01:33', date_expire: 'Never' },
      ctx,
    ).value;
    expect([there.start_date, there.end_date]).toEqual([1466110893, 0]);
    const back = offerBack.apply(
      { id: '1', name: 'n', start_date: 1466110893, end_date: 0 },
      links(),
    ).value;
    expect([back.date_live, back.date_expire]).toEqual(['2016-06-16 21:01:33', '']);
  });

  it('maps excluded countries to an exclude list, and back', () => {
    expect(offer.apply({ ...base, unauthorized: ['FR'] }, ctx).value.offer_geo).toEqual({
      type: 2,
      countries: ['FR'],
    });
    const back = offerBack.apply(
      { id: '1', name: 'n', offer_geo: { type: 2, countries: ['FR'] } },
      links(),
    ).value;
    expect(back.unauthorized).toEqual(['FR']);
    expect(back).not.toHaveProperty('authorized');
  });

  it('writes revenue types back through the written-out reverse and reports types Offerit lacks', () => {
    expect(
      offer.apply({ ...base, advertiser_cost_type: 'dynamic_conversion' }, ctx).value.revenue_type,
    ).toBe('RPA');
    expect(
      offerBack.apply({ id: '1', name: 'n', revenue_type: 'RPA' }, links()).value
        .advertiser_cost_type,
    ).toBe('conversion');
    expect(
      offerBack.apply({ id: '1', name: 'n', revenue_type: 'RPI' }, links()).issues[0],
    ).toMatchObject({ field: 'advertiser_cost_type', code: 'UNMAPPABLE' });
  });

  it('reports an offer without an advertiser link, and one without an advertiser at all', () => {
    expect(offer.apply(base, links()).issues).toEqual([
      {
        field: 'advertiser_id',
        code: 'UNRESOLVED_LINK',
        message: 'no advertiser link for offerit id "9" (advertiserid)',
      },
    ]);
    const { advertiserid: _none, ...withoutAdvertiser } = base;
    expect(offer.apply(withoutAdvertiser, ctx).issues).toEqual([
      {
        field: 'advertiser_id',
        code: 'REQUIRED_MISSING',
        message:
          'advertiser_id is required to create the record but the source has no value for it',
      },
    ]);
  });
});

describe('goal <-> offer event', () => {
  it('maps a flat goal onto payout and a percentage goal onto percent_payout', () => {
    const ctx = links({ offer: { '400': '102' } });
    expect(
      goal.apply(
        {
          offerid: '400',
          offer_goal_id: '48',
          goal_id: '1',
          name: 'Lead',
          commission_type: 'flat',
          amount: '2.5',
        },
        ctx,
      ).value,
    ).toEqual({
      name: 'Lead',
      offer_id: '102',
      payout_type: 'CPA',
      payout: '2.5',
    });
    expect(
      goal.apply(
        {
          offerid: '400',
          offer_goal_id: '48',
          goal_id: '1',
          name: 'Sale',
          commission_type: 'percentage',
          amount: '10',
          revenue_type: 'sale',
          revenue_amount: '30',
        },
        ctx,
      ).value,
    ).toEqual({
      name: 'Sale',
      offer_id: '102',
      payout_type: 'CPS',
      percent_payout: '10',
      revenue_type: 'RPS',
      percent_revenue: '30',
    });
  });

  it('leaves the base event (id 1) to the offer route', () => {
    expect(goalBack.apply({ id: '1', offer_id: '102', name: 'Base' }, links()).issues).toEqual([
      {
        field: 'id',
        code: 'NO_TWIN',
        message: "event 1 is the offer's base event; it is synced with the offer, not as a goal",
      },
    ]);
  });
});

describe('commission change <-> affiliate payout', () => {
  const base = {
    offerid: '2',
    changeid: '59',
    goalid: '0',
    type: 'standard',
    start_time: '',
    end_time: '',
    countries: [],
    affiliates: { '2': 'aff' },
    flat_amount_per_conversion: '15',
  };
  const ctx = links({ offer: { '2': '7' }, affiliate: { '2': '8' }, goal: { '48': '10' } });

  it('maps goal 0 to event 1 and other goals through the goal link, and back', () => {
    expect(change.apply(base, ctx).value).toEqual({
      offer_id: '7',
      affiliate_id: '8',
      event_id: '1',
      current_payout: '15',
    });
    expect(change.apply({ ...base, goalid: '48' }, ctx).value.event_id).toBe('10');
    const back = links({ goal: { '10': '48' }, offer: { '7': '2' }, affiliate: { '8': '2' } });
    expect(
      changeBack.apply(
        { id: '1', offer_id: '7', affiliate_id: '8', event_id: '10', current_payout: '15' },
        back,
      ).value.goalid,
    ).toBe('48');
    expect(
      changeBack.apply({ id: '1', offer_id: '7', affiliate_id: '8', current_payout: '15' }, back)
        .value.goalid,
    ).toBe('0');
  });

  it('maps disable to a payout of 0, and a payout of 0 back to disable', () => {
    expect(
      change.apply({ ...base, type: 'disable', percentage_of_customer_conversion: '5' }, ctx).value,
    ).toMatchObject({ current_payout: '0', percent_payout: '0' });
    expect(
      changeBack.apply(
        { id: '1', offer_id: '7', affiliate_id: '8', current_payout: '0', percent_payout: '0' },
        links({ offer: { '7': '2' }, affiliate: { '8': '2' } }),
      ).value.type,
    ).toBe('disable');
  });

  it('maps a temporary change onto a custom-period tier with YYYY-MM-DD dates', () => {
    const there = change.apply(
      {
        ...base,
        type: 'temporary',
        start_time: '2016-09-03 00:00:00',
        end_time: '2016-10-03 23:59:59',
      },
      ctx,
    ).value;
    expect(there.affiliate_tier).toEqual({
      time_interval_type: 0,
      effective_time: '2016-09-03',
      expiration_time: '2016-10-03',
    });
  });

  it('finds the affiliate in the affiliates list when loginid is not given', () => {
    expect(change.apply(base, ctx).value.affiliate_id).toBe('8');
  });

  it('reports changes with no twin, naming why', () => {
    const reasons = [
      { ...base, changeid: '0' },
      { ...base, countries: ['GB'] },
      { ...base, subaff: 'news' },
      { ...base, affiliates: { '2': 'a', '3': 'b' } },
      { ...base, affiliates: {} },
    ].map((record) =>
      change.apply(record, ctx).issues.map((issue) => `${issue.code} ${issue.field}`),
    );
    expect(reasons).toEqual([
      ['NO_TWIN changeid'],
      ['NO_TWIN countries'],
      ['NO_TWIN subaff'],
      ['NO_TWIN loginid'],
      ['NO_TWIN loginid'],
    ]);
  });
});
