// The simulated Offerslook over HTTP, sent raw: strict about credentials, routes, methods and
// bodies, in the platform's envelope; the control endpoints work without credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFER, raw, startSandbox, type Running } from './sandbox-client.js';

describe('Offerslook sandbox over HTTP', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startSandbox();
    running.sandbox.state.seed({ offers: [{ ...OFFER, id: 1 }], affiliates: [{ id: 7 }] });
  });
  afterAll(() => running.sandbox.stop());

  it('answers 401 in its envelope for wrong or missing credentials, without echoing them', async () => {
    const wrong = `Basic ${Buffer.from('e2e-network:guess').toString('base64')}`;
    const answer = await raw(running, 'GET', '/v1/offers', undefined, { authorization: wrong });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ code: 401, message: 'Invalid network name or API key' });
    expect((await raw(running, 'GET', '/v1/offers', undefined, { authorization: '' })).status).toBe(
      401,
    );
  });

  it('answers 404 for an unknown route or id, 405 for a wrong method', async () => {
    expect(await raw(running, 'GET', '/v1/advertisers')).toMatchObject({
      status: 404,
      json: { code: 404 },
    });
    expect(await raw(running, 'GET', '/v1/offers/abc')).toMatchObject({
      status: 404,
      json: { code: 404 },
    });
    expect(await raw(running, 'GET', '/v1/offers/2')).toMatchObject({
      status: 404,
      json: { message: 'Offer 2 not found' },
    });
    for (const [method, path] of [
      ['DELETE', '/v1/offers/1'],
      ['POST', '/v1/offers/1'],
      ['PUT', '/v1/affiliates'],
      ['GET', '/v1/offers/1/offer_events/1'],
      ['PUT', '/v1/affiliate_payouts/1'],
    ] as const) {
      const answer = await raw(running, method, path);
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.json.code).toBe(405);
    }
  });

  it('answers 400 for a body that is not JSON on POST, PUT and PATCH', async () => {
    expect(await raw(running, 'POST', '/v1/offers', '{"offer": {')).toMatchObject({
      status: 400,
      json: { code: 400 },
    });
    const form = await raw(running, 'PUT', '/v1/offers/1', 'offer[name]=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form).toMatchObject({ status: 400, json: { code: 400 } });
    expect((await raw(running, 'POST', '/v1/affiliate_payouts')).status).toBe(400);
    // The event PATCH reads a JSON body only where a server does (v1); v2 ignores the body.
    running.sandbox.variants.apply({ answers: 'v1' });
    try {
      expect((await raw(running, 'PATCH', '/v1/offers/1/offer_events/1', '[1]')).status).toBe(400);
    } finally {
      running.sandbox.variants.apply({ answers: 'v2' });
    }
    expect((await raw(running, 'PATCH', '/v1/offers/1/offer_events/1', '[1]')).status).toBe(200);
  });

  it('answers 422 naming the field for a missing field, an unknown value or an unknown field', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['/v1/offers', { offer: { ...OFFER, name: undefined } }, /^offer\.name: is required$/],
      ['/v1/offers', { offer: { ...OFFER, payout_type: 'CPX' } }, /^offer\.payout_type: /],
      ['/v1/offers', { offer: { ...OFFER, offer_approval: 9 } }, /^offer\.offer_approval: /],
      ['/v1/offers', { offer: { ...OFFER, colour: 'red' } }, /^offer\.colour: unknown field$/],
      [
        '/v1/offers/1/offer_events',
        { name: 'x', conversion_protocol: 5 },
        /^conversion_protocol: /,
      ],
      [
        '/v1/affiliate_payouts',
        { affiliate_payout: { offer_id: 1 } },
        /^affiliate_payout\.affiliate_id: is required$/,
      ],
    ];
    for (const [path, body, message] of cases) {
      const answer = await raw(running, 'POST', path, JSON.stringify(body));
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(answer.json.code).toBe(422);
      expect(answer.json.message).toMatch(message);
    }
    const query = await raw(running, 'GET', '/v1/offers?limit=5000');
    expect(query).toMatchObject({ status: 422, json: { message: 'limit: limit is at most 1000' } });
  });

  it('enforces the event rules over HTTP', async () => {
    const created = await raw(
      running,
      'POST',
      '/v1/offers/1/offer_events',
      JSON.stringify({ name: 'Sale', payout: '2' }),
    );
    const id = created.json.data.offer_event.id;
    const priv = await raw(running, 'PATCH', `/v1/offers/1/offer_events/${id}?is_private=1`);
    expect(priv).toMatchObject({ status: 422, json: { code: 422 } });
    expect(priv.json.message).toMatch(/^is_private: /);
    const retyped = await raw(running, 'PATCH', `/v1/offers/1/offer_events/${id}?payout_type=CPS`);
    expect(retyped.json.data.offer_event).toMatchObject({
      status: 'paused',
      payout: '-1',
      revenue: '-1',
      payout_type: 'CPS',
    });
  });

  it('reads sort=id, -id and %2Bid, refuses a raw + (a space), and filters in bracket notation', async () => {
    await raw(
      running,
      'POST',
      '/v1/offers',
      JSON.stringify({ offer: { ...OFFER, name: 'Second' } }),
    );
    for (const sort of ['id', '%2Bid'])
      expect(
        (await raw(running, 'GET', `/v1/offers?sort=${sort}&fields=id`)).json.data.rowset,
      ).toEqual([{ id: 1 }, { id: 2 }]);
    const descending = await raw(running, 'GET', '/v1/offers?sort=-id&fields=id');
    expect(descending.json.data.rowset).toEqual([{ id: 2 }, { id: 1 }]);
    // `+` in a query string is a space: the server reads " id", which names no field.
    const plus = await raw(running, 'GET', '/v1/offers?sort=+id&fields=id');
    expect(plus).toMatchObject({ status: 422, json: { code: 422 } });
    expect(plus.json.message).toMatch(/^sort: /);
    const filtered = await raw(
      running,
      'GET',
      '/v1/offers?filters[name][EQUAL_TO]=Second&fields=id,name',
    );
    expect(filtered.json.data).toEqual({
      rowset: [{ id: 2, name: 'Second' }],
      totalPages: 1,
      totalRows: 1,
      offset: 1,
      limit: 20,
    });
  });

  it('is driven by its control endpoints without credentials', async () => {
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${running.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    expect((await control('POST', '/__sandbox/reset')).status).toBe(200);
    expect((await control('GET', '/__sandbox/state')).json).toEqual({
      affiliates: [],
      offers: [],
      events: [],
      affiliatePayouts: [],
    });
    expect(
      (
        await control('POST', '/__sandbox/seed', {
          affiliates: [{ id: 5, email: 'e@example.com' }],
        })
      ).status,
    ).toBe(200);
    const bad = await control('POST', '/__sandbox/seed', { offers: [{ name: 'no pricing' }] });
    expect(bad.status).toBe(422);
    expect((await raw(running, 'GET', '/v1/affiliates')).json.data.rowset).toEqual([
      {
        id: 5,
        first_name: '',
        last_name: '',
        email: 'e@example.com',
        company: '',
        status: 'active',
      },
    ]);
    await control('POST', '/__sandbox/settings', { failNext: ['server-error'] });
    expect(await raw(running, 'GET', '/v1/affiliates')).toMatchObject({
      status: 503,
      json: { code: 503 },
    });
    const log = await control('GET', '/__sandbox/log');
    expect(
      (log.json.requests as { path: string }[]).every(
        (entry) => !entry.path.startsWith('/__sandbox'),
      ),
    ).toBe(true);
  });
});
