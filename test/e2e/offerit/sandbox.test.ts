// The sandbox is strict where the real API is documented, and shaped like it in what it answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfferitSandbox } from '../../../src/sandbox/offerit/index.js';
import { raw, sampleFixtures, startSandbox, type Running } from './sandbox-client.js';

type Envelope = { result: string; message: unknown };

describe('offerit sandbox', () => {
  let running: Running;
  // v2 named explicitly: the tests below check v2's shapes, and switch to v1 to check v1's.
  beforeEach(async () => {
    running = await startSandbox({ answers: 'v2' });
  });
  afterEach(() => running.sandbox.stop());

  const post = (path: string, body: string) => raw(running, 'POST', path, body);
  const expectFailure = (
    answer: { status: number; json: unknown },
    status: number,
    text: string,
  ) => {
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ result: 'Failure' });
    expect((answer.json as Envelope).message).toContain(text);
  };

  it('refuses missing or wrong credentials with a failure envelope (v1: 401)', async () => {
    running.sandbox.variants.apply({ answers: 'v1' });
    expectFailure(
      await raw(running, 'GET', '/service/ping', undefined, { 'api-key': 'nope' }),
      401,
      'Invalid API credentials',
    );
    expectFailure(
      await raw(running, 'GET', '/service/ping', undefined, { 'api-username': 'other' }),
      401,
      'credentials',
    );
    // Header names are case-insensitive.
    const upper = await fetch(`${running.baseUrl}/service/ping`, {
      headers: {
        'API-KEY': running.headers['api-key']!,
        'Api-Username': running.headers['api-username']!,
      },
    });
    expect(upper.status).toBe(200);
  });

  it.each([
    ['401', 401],
    ['403', 403],
    ['400', 400],
    ['404', 404],
    ['200-failure', 200],
  ] as const)('answers bad credentials the %s way when told to', async (badCredentials, status) => {
    running.sandbox.variants.apply({ variants: { badCredentials } });
    for (const path of ['/service/ping', '/offer/get_details?offerid=1', '/affiliate/search'])
      expectFailure(
        await raw(running, 'GET', path, undefined, { 'api-key': 'nope' }),
        status,
        'Invalid API credentials',
      );
  });

  it('answers 404 for unknown endpoints and 405 (with Allow) for a wrong method', async () => {
    expectFailure(
      await raw(running, 'GET', '/offer/delete_offer'),
      404,
      'Invalid endpoint /offer/delete_offer',
    );
    expectFailure(await raw(running, 'GET', '/../nothing'), 404, 'Invalid endpoint');
    const wrong = await fetch(`${running.baseUrl}/offer/get_details?offerid=1`, {
      method: 'POST',
      headers: running.headers,
    });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expectFailure(await raw(running, 'PATCH', '/offer/add_offer', 'name=x&url=y'), 405, 'use POST');
  });

  it('refuses a JSON body, naming the encoding it wants', async () => {
    const answer = await raw(
      running,
      'POST',
      '/offer/add_offer',
      JSON.stringify({ name: 'x', url: 'y' }),
      {
        'content-type': 'application/json',
      },
    );
    expectFailure(answer, 400, 'application/x-www-form-urlencoded');
    expect(running.sandbox.state.offers.size).toBe(0);
  });

  it('names missing required fields, unknown parameters and values outside the allowed set', async () => {
    expectFailure(
      await post('/offer/add_offer', 'url=https%3A%2F%2Fx.example'),
      400,
      'missing required parameter name',
    );
    expectFailure(
      await post('/offer/add_offer', 'name=x&url=y&colour=red'),
      400,
      'unknown parameter colour',
    );
    expectFailure(
      await post('/offer/add_offer', 'name=x&url=y&advertiser_cost_type=cpm'),
      400,
      'invalid advertiser_cost_type',
    );
    expectFailure(
      await post('/offer/add_offer', 'name=x&url=y&commission_type=cpm'),
      400,
      'or a numeric type id',
    );
    expectFailure(
      await post('/offer/add_offer', 'name=x&url=y&hidden=true'),
      400,
      'invalid hidden: expected 0 or 1',
    );
    expectFailure(
      await post('/offer/add_offer', 'name=x&url=y&flat_amount_per_conversion=1%2C5'),
      400,
      'decimal',
    );
    expectFailure(
      await post('/offer/add_offer', 'name=x&url=y&authorized=GB%2CXX'),
      400,
      'unknown country code XX',
    );
    expectFailure(
      await post('/offer/add_commission_change', 'offerid=1&type=bonus'),
      400,
      'invalid type',
    );
    expectFailure(await raw(running, 'GET', '/offer/get_details'), 400, 'exactly one lookup key');
    expectFailure(
      await raw(running, 'GET', '/offer/get_details?offerid=1&name=x'),
      400,
      'exactly one lookup key',
    );
    expectFailure(
      await raw(
        running,
        'PATCH',
        '/offer/set_offer_goals',
        'offerid=1&goal_vars%5B0%5D%5Bcommission_type%5D=cpa',
      ),
      400,
      'goal_vars[0][commission_type]',
    );
    expect(running.sandbox.runtime.log.writes()).toHaveLength(0);
  });

  it('hands out ids like the platform and keeps date_added', async () => {
    const fixed = new Date('2025-02-03T04:05:06Z');
    await running.sandbox.stop();
    running = await startSandbox({ now: () => fixed });
    const first = await post('/offer/add_offer', 'name=A&url=https%3A%2F%2Fa.example');
    const second = await post('/offer/add_offer', 'name=B&url=https%3A%2F%2Fb.example');
    expect((first.json as Envelope).message).toEqual({ landing_pageid: '432', offerid: '400' });
    expect((second.json as Envelope).message).toEqual({ landing_pageid: '433', offerid: '401' });
    const goals = await raw(
      running,
      'PATCH',
      '/offer/set_offer_goals',
      'offerid=400&goal_vars%5B0%5D%5Bgoal_id%5D=1&goal_vars%5B0%5D%5Bname%5D=Lead&goal_vars%5B1%5D%5Bgoal_id%5D=2&goal_vars%5B1%5D%5Bname%5D=Sale',
    );
    expect(
      (goals.json as { message: { goals: { offer_goal_id: string }[] } }).message.goals.map(
        (g) => g.offer_goal_id,
      ),
    ).toEqual(['48', '49']);
    const change = await post(
      '/offer/add_commission_change',
      'offerid=401&type=standard&flat_amount_per_click=0.1',
    );
    expect(change.json).toEqual({ result: 'Success', message: 'changes_saved', changeid: 59 });
    const [offer] = await running.client.getDetails({ offerid: 400 });
    expect(offer!.date_added).toBe('2025-02-03 04:05:06');
  });

  it('get_commission_changes answers v1’s documented human-key shape with default rows', async () => {
    running.sandbox.variants.apply({ answers: 'v1' });
    running.sandbox.state.seed(sampleFixtures());
    const answer = await raw(running, 'GET', '/offer/get_commission_changes?offerid=400');
    expect(answer.json).toEqual({
      result: 'Success',
      message: {
        changes: [
          { 'Change Id': 0, 'Start Time': 'Never', 'End Time': 'Never', Countries: ['All'] },
          {
            'Change Id': 59,
            'Start Time': 'Never',
            'End Time': 'Never',
            Countries: ['All'],
            Affiliates: { '3': 'mediabuyer_anna' },
            'Flat Conversion Payout': 5.25,
          },
          {
            'Change Id': 0,
            offer_goal_id: 48,
            'Start Time': 'Never',
            'End Time': 'Never',
            Countries: ['All'],
          },
          {
            'Change Id': 60,
            offer_goal_id: 48,
            'Start Time': 'Never',
            'End Time': 'Never',
            Countries: ['All'],
            Affiliates: { '4': 'leadgen_tom' },
            'Flat Conversion Payout': 1.4,
          },
          {
            'Change Id': 0,
            offer_goal_id: 49,
            'Start Time': 'Never',
            'End Time': 'Never',
            Countries: ['All'],
          },
        ],
      },
    });
  });

  it('answers an empty search bare as {} (v2) or in an envelope as [] (v1, PHP)', async () => {
    running.sandbox.state.seed(sampleFixtures());
    const search = '/affiliate/search?email=none%40example.com';
    expect((await raw(running, 'GET', search)).json).toEqual({});
    const found = (await raw(running, 'GET', '/affiliate/search?loginid=3')).json;
    expect(Object.keys(found as object)).toEqual(['3']);
    running.sandbox.variants.apply({ answers: 'v1' });
    expect((await raw(running, 'GET', search)).json).toEqual({ result: 'Success', message: [] });
  });

  it('get_details honours return_columns in the documented vocabulary (v2) and ignores it in v1', async () => {
    running.sandbox.state.seed(sampleFixtures());
    const path =
      '/offer/get_details?offerid=400&return_columns=name,active,cost_type,authorized_countries_iso,advertiser_cost_type,flat_amount_per_conversion';
    expect(((await raw(running, 'GET', path)).json as Envelope).message).toEqual({
      '400': {
        offerid: '400',
        name: 'Summer Dating CPA (GB/DE)',
        active: '1',
        cost_type: 'conversion',
        authorized_countries_iso: 'GB,DE',
      },
    });
    running.sandbox.variants.apply({ answers: 'v1' });
    const all = ((await raw(running, 'GET', path)).json as { message: Record<string, object> })
      .message['400']!;
    expect(all).toMatchObject({
      advertiser_cost_type: 'conversion',
      authorized: 'GB,DE',
      flat_amount_per_conversion: '4.50',
      url: expect.stringContaining('https://') as unknown,
    });
    expect(all).not.toHaveProperty('cost_type');
  });

  it('is driven by its control endpoints: seed, state, reset, details variant, settings', async () => {
    const control = (path: string, body: unknown) =>
      fetch(`${running.baseUrl.replace(/\/api$/, '')}/__sandbox/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await control('seed', sampleFixtures())).status).toBe(200);
    const state = (await (
      await fetch(`${running.baseUrl.replace(/\/api$/, '')}/__sandbox/state`)
    ).json()) as {
      offers: unknown[];
      affiliates: Record<string, unknown>[];
      commissionChanges: unknown[];
    };
    expect([state.offers.length, state.affiliates.length, state.commissionChanges.length]).toEqual([
      7, 4, 6,
    ]);
    // The snapshot leaves affiliate secrets out, and seeding it rebuilds the same state.
    expect(Object.keys(state.affiliates[0]!)).not.toContain('api_key');
    expect(createOfferitSandbox({ fixtures: state as never }).state.snapshot()).toEqual(state);
    await control('details-variant', { variant: 'list' });
    const listed = (await raw(running, 'GET', '/offer/get_details?offerid=400')).json as Envelope;
    expect(Array.isArray(listed.message)).toBe(true);
    expect(running.sandbox.variants.current().detailsVariant).toBe('list');
    expect((await control('details-variant', { variant: 'tree' })).status).toBe(400);
    // A preset resets every switch; single switches go on top; a bad one changes nothing.
    const settings = async (body: unknown) => {
      const answer = await control('settings', body);
      return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
    };
    expect(await settings({ answers: 'v1', variants: { activateResult: 'success' } })).toEqual({
      status: 200,
      json: expect.objectContaining({
        ok: true,
        variants: expect.objectContaining({
          detailsVariant: 'by-id',
          affiliateSearch: 'envelope',
          activateResult: 'success',
        }) as unknown,
      }) as unknown,
    });
    const bad = await settings({ variants: { badCredentials: '418', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('unknown variant colour');
    expect(bad.json.error).toContain('variants.badCredentials');
    expect((await settings({ answers: 'v3' })).json.error).toContain(
      'answers: expected "v1" or "v2"',
    );
    expect(running.sandbox.variants.current().badCredentials).toBe('401');
    await control('reset', {});
    expect(running.sandbox.state.offers.size).toBe(0);
    expect((await post('/offer/add_offer', 'name=A&url=b')).json).toMatchObject({
      message: { offerid: '400' },
    });
  });

  it('refuses a bad fixture with a message naming it and the field', () => {
    expect(() =>
      running.sandbox.state.seed({
        offers: [{ offerid: '1', name: 'x', url: 'y', conversion_type: 'pixel' }],
      }),
    ).toThrow(
      'offerit sandbox fixture offers[0] (offerid 1): invalid conversion_type: expected one of image, post, iframe',
    );
  });
});
