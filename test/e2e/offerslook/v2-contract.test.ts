// Every (v2) point of contract section 2, end to end: the sandbox answers each variant the
// contract lists (chosen by its switches), and the client and adapter work against each one,
// sending the v2 way. Point numbers follow the v2 brief: 1 event PATCH, 2 DELETE answer, 3 list
// queries, 4 row shapes, 5 /all and batches, 6 POST/PUT answers, 7 advertiser_offer_id, 8 geo,
// 9 amounts. (10, rate limits and envelopes, is rate-limit.test.ts and client.test.ts.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import {
  assertApplied,
  createOfferslookPlatform,
  createOfferslookTransport,
  offerEventDataSchema,
} from '../../../src/platforms/offerslook/index.js';
import { OFFER, raw, startSandbox, type Running } from './sandbox-client.js';

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const PRESETS = ['v1', 'v2'] as const;

describe('Offerslook contract v2, end to end', () => {
  let running: Running;
  let platform: ReturnType<typeof createOfferslookPlatform>;
  /** Content types of the requests that reached the sandbox, by `METHOD path`. */
  const bodies: { request: string; contentType: string | undefined; length: string | undefined }[] =
    [];
  const use = (answers: 'v1' | 'v2', variants: Record<string, string> = {}) =>
    running.sandbox.variants.apply({ answers, variants });
  const store = () => running.sandbox.state.store;

  beforeAll(async () => {
    running = await startSandbox(
      {},
      {
        beforeStart: (sandbox) =>
          sandbox.app.addHook('onRequest', async (request) => {
            bodies.push({
              request: `${request.method} ${request.url.split('?')[0]}`,
              contentType: request.headers['content-type'],
              length: request.headers['content-length'],
            });
            await Promise.resolve();
          }),
      },
    );
    platform = createOfferslookPlatform(running.client);
  });
  afterAll(() => running.sandbox.stop());
  beforeEach(() => {
    running.sandbox.state.reset();
    running.sandbox.state.seed({
      affiliates: [{ id: 201, email: 'alice@example.com' }],
      offers: [
        { ...OFFER, id: 1, status: 'active', offer_geo: { type: 1, countries: ['US'] } },
        { ...OFFER, id: 2, name: 'Second', advertiser_offer_id: '400' },
      ],
      events: [{ offer_id: 1, id: 2, name: 'Sale', revenue: '2', payout: '1' }],
      affiliatePayouts: [{ id: 1, offer_id: 1, affiliate_id: 201, current_payout: '2.5' }],
    });
    running.sandbox.runtime.log.clear();
    bodies.length = 0;
    use('v2');
  });

  describe('1. the offer-event PATCH takes query parameters', () => {
    it.each(PRESETS)(
      'the client sends the query string and no body (%s answers)',
      async (answers) => {
        use(answers);
        const key = { kind: 'goal' as const, id: '2', offerId: '1' };
        const written = await platform.update(key, { payout: '1.25', status: 'paused' });
        expect(written.record).toMatchObject({ payout: '1.25', status: 'paused' });
        expect(store().event(1, 2)).toMatchObject({ payout: '1.25', status: 'paused' });
        const patch = running.sandbox.runtime.log.entries((entry) => entry.method === 'PATCH')[0]!;
        expect(patch.params).toEqual({ payout: '1.25', status: 'paused' });
        const sent = bodies.find((entry) => entry.request === 'PATCH /v1/offers/1/offer_events/2')!;
        expect(sent.contentType).toBeUndefined();
        expect(sent.length ?? '0').toBe('0');
        // The base event's switches go the same way (ASSUMED query parameters too).
        await platform.update({ kind: 'offer', id: '1' }, { base_event: { is_private: 1 } });
        expect(store().event(1, 1).is_private).toBe(1);
      },
    );

    it('v2 ignores a JSON body: an old client "succeeds" and nothing changes; v1 applies it', async () => {
      const send = createOfferslookTransport(running.config);
      const oldClientPatch = () =>
        send({
          method: 'PATCH',
          path: '/v1/offers/1/offer_events/2',
          template: '/v1/offers/{id}/offer_events/{event_id}',
          json: { payout: '9.99' },
          data: offerEventDataSchema,
        });
      const ignored = await oldClientPatch();
      expect(ignored.offer_event.payout).toBe('1');
      expect(store().event(1, 2).payout).toBe('1');
      // What the adapter does with such an answer: a PROTOCOL error naming the field.
      expect(() =>
        assertApplied('PATCH /v1/offers/1/offer_events/2', { payout: '9.99' }, ignored.offer_event),
      ).toThrow(/payout "1" where "9.99" was sent/);
      use('v1');
      expect((await oldClientPatch()).offer_event.payout).toBe('9.99');
    });

    it.each(PRESETS)(
      'an answer that did not apply a field sent is a non-retryable PROTOCOL error (%s answers)',
      async (answers) => {
        use(answers);
        const key = { kind: 'goal' as const, id: '2', offerId: '1' };
        // A pricing type change pauses the event and clears revenue and payout...
        await platform.update(key, { payout_type: 'CPS' });
        running.sandbox.runtime.log.clear();
        // ...and activating it again without them "succeeds" and leaves it paused.
        const error = await platform.update(key, { status: 'active' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PlatformError);
        expect(error).toMatchObject({
          code: 'PROTOCOL',
          retryable: false,
          operation: 'PATCH /v1/offers/1/offer_events/2',
        });
        expect((error as Error).message).toContain('status "paused" where "active" was sent');
        expect(running.sandbox.runtime.log.entries()).toHaveLength(1);
        // With revenue and payout reset, it activates.
        const done = await platform.update(key, {
          status: 'active',
          percent_revenue: '10',
          percent_payout: '5',
        });
        expect(done.record).toMatchObject({ status: 'active', percent_payout: '5' });
      },
    );

    it('refuses payout tiers in an event update before any request (no query form)', async () => {
      const error = await platform
        .update({ kind: 'goal', id: '2', offerId: '1' }, { offer_payout_tier: [] })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VALIDATION' });
      expect(running.sandbox.runtime.log.entries()).toEqual([]);
    });
  });

  describe('2. DELETE /v1/affiliate_payouts/{id} answers the deleted record (v2) or {}', () => {
    it.each([
      ['v2', { affiliate_payout: expect.objectContaining({ id: 1, current_payout: '2.5' }) }],
      ['v1', {}],
    ] as const)('%s', async (answers, data) => {
      use(answers);
      const answer = await raw(running, 'DELETE', '/v1/affiliate_payouts/1');
      expect(answer.json).toEqual({ code: 0, message: 'Success', data });
      running.sandbox.state.seed({
        affiliatePayouts: [{ id: 5, offer_id: 1, affiliate_id: 201, event_id: 2 }],
      });
      await platform.retire({ kind: 'commission', id: '5', offerId: '1' });
      expect(store().payouts.has(5)).toBe(false);
    });
  });

  describe('3. list queries as real clients send them', () => {
    const ids = async (query: string) =>
      ((await raw(running, 'GET', `/v1/offers?${query}`)).json.data.rowset as { id: number }[]).map(
        (row) => row.id,
      );

    it('the sandbox takes filters without an operator, brackets raw or encoded, every sort form', async () => {
      expect(await ids('filters[name]=Second')).toEqual([2]);
      expect(await ids('filters[name][EQUAL_TO]=Second')).toEqual([2]);
      expect(await ids('filters%5Bname%5D%5BCONTAINS%5D=seco')).toEqual([2]);
      expect(await ids('sort=id')).toEqual([1, 2]);
      expect(await ids('sort=%2Bid')).toEqual([1, 2]);
      expect(await ids('sort=-id')).toEqual([2, 1]);
      // A raw + is a space: refused, not repaired.
      expect(await raw(running, 'GET', '/v1/offers?sort=+id')).toMatchObject({
        status: 422,
        json: { code: 422 },
      });
      // Of a repeated contains=, the last counts.
      const rows = (
        await raw(running, 'GET', '/v1/batches/offers?contains=offer_event&contains=offer')
      ).json.data.rowset;
      expect(rows[0]).not.toHaveProperty('offer_event');
      const nested = (
        await raw(running, 'GET', '/v1/batches/offers?contains=offer&contains=offer,offer_event')
      ).json.data.rowset;
      expect(nested[0].offer_event).toHaveLength(2);
    });

    it('the client sends sort=id, raw brackets, one contains list, 1-based pages', async () => {
      await collect(platform.list('commission', { offerId: '1' }));
      await collect(platform.list('offer'));
      const [payouts, batch] = running.sandbox.runtime.log.entries();
      expect(payouts).toMatchObject({
        params: { sort: 'id', offset: '1', filters: { offer_id: { EQUAL_TO: '1' } } },
      });
      expect(batch).toMatchObject({
        path: '/v1/batches/offers',
        params: { sort: 'id', offset: '1', contains: 'offer,offer_event,offer_geo' },
      });
    });
  });

  describe('4. row shapes: flat and nested rows, capitalised statuses, three forms of time', () => {
    it('v2 answers "Active", date-time strings and nulls; v1 lower case and unix seconds', async () => {
      const v2 = (await raw(running, 'GET', '/v1/offers?filters[id]=1')).json.data.rowset[0];
      expect(v2).toMatchObject({ id: 1, status: 'Active', start_date: null, end_date: null });
      expect(v2.create_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      const nested = (await raw(running, 'GET', '/v1/batches/offers?contains=offer,offer_event'))
        .json.data.rowset[0];
      expect(Object.keys(nested)).toEqual(['offer', 'offer_event']);
      expect(nested.offer.status).toBe('Active');
      use('v1');
      const v1 = (await raw(running, 'GET', '/v1/offers?filters[id]=1')).json.data.rowset[0];
      expect(v1).toMatchObject({ id: 1, status: 'active' });
      expect(typeof v1.create_time).toBe('number');
      expect(v1).not.toHaveProperty('start_date');
    });

    it.each(PRESETS)('records hold one canonical form (%s answers)', async (answers) => {
      use(answers);
      const offer = await platform.get({ kind: 'offer', id: '1' });
      expect(offer).toMatchObject({ status: 'active', create_time: store().offer(1).create_time });
      expect(offer).not.toHaveProperty('start_date');
      const written = await platform.update(
        { kind: 'offer', id: '2' },
        { status: 'paused' },
        await platform.get({ kind: 'offer', id: '2' }),
      );
      expect(written.record).toMatchObject({ status: 'paused' });
      expect(typeof written.record!.update_time).toBe('number');
    });
  });

  describe('5. /all and the batch endpoints', () => {
    it('GET /v1/offers/{id}/all answers the offer, its events and its geo', async () => {
      const answer = await raw(running, 'GET', '/v1/offers/1/all');
      expect(Object.keys(answer.json.data)).toEqual(['offer', 'offer_event', 'offer_geo']);
      expect(answer.json.data.offer_event.map((event: { id: number }) => event.id)).toEqual([1, 2]);
      use('v2', { offerAll: 'missing' });
      expect(await raw(running, 'GET', '/v1/offers/1/all')).toMatchObject({
        status: 404,
        json: { code: 404, message: 'No route GET /v1/offers/1/all' },
      });
    });

    it('GET /v1/batches/offers: at most 100 per page, contains honoured or ignored', async () => {
      expect(await raw(running, 'GET', '/v1/batches/offers?limit=101')).toMatchObject({
        status: 422,
      });
      use('v2', { batchContains: 'ignored' });
      const rows = (
        await raw(running, 'GET', '/v1/batches/offers?contains=offer,offer_event,offer_geo')
      ).json.data.rowset;
      expect(rows.map((row: object) => Object.keys(row))).toEqual([['offer'], ['offer']]);
    });

    it('PATCH /v1/batches/offers/{ids}: pauses and reactivates; unknown ids are skipped', async () => {
      const paused = await raw(running, 'PATCH', '/v1/batches/offers/1,2,999?status=paused');
      expect(paused.json).toEqual({ code: 0, message: 'Success', data: {} });
      expect([store().offer(1).status, store().offer(2).status]).toEqual(['paused', 'paused']);
      await raw(running, 'PATCH', '/v1/batches/offers/2?status=active');
      expect(store().offer(2).status).toBe('active');
      expect((await raw(running, 'PATCH', '/v1/batches/offers/1?status=deleted')).status).toBe(422);
      expect((await raw(running, 'PATCH', '/v1/batches/offers/1,x?status=paused')).status).toBe(
        422,
      );
      const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
      expect(
        (await raw(running, 'PATCH', `/v1/batches/offers/${tooMany}?status=paused`)).status,
      ).toBe(422);
    });

    it('retireMany: one outcome per key; a failed chunk fails its keys only', async () => {
      running.sandbox.runtime.faults.failNext('server-error');
      const outcomes = await platform.retireMany!('offer', [
        { kind: 'offer', id: '1' },
        { kind: 'offer', id: 'x1' },
      ]);
      expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'TRANSIENT' } });
      expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const again = await platform.retireMany!('offer', [
        { kind: 'offer', id: '1' },
        { kind: 'offer', id: '1' },
        { kind: 'offer', id: '999' },
      ]);
      expect(again.map((outcome) => outcome.ok)).toEqual([true, true, true]);
      expect(running.sandbox.runtime.log.entries().at(-1)!.path).toBe('/v1/batches/offers/1,999');
      // Other kinds one by one.
      const goals = await platform.retireMany!('goal', [{ kind: 'goal', id: '2', offerId: '1' }]);
      expect(goals).toEqual([{ key: { kind: 'goal', id: '2', offerId: '1' }, ok: true }]);
      expect(store().event(1, 2).status).toBe('paused');
    });
  });

  describe('6. POST and PUT answer the record; PUT takes offer_platform and offer_cap', () => {
    it('accepts and ignores offer_platform and offer_cap beside offer', async () => {
      const answer = await raw(
        running,
        'PUT',
        '/v1/offers/1',
        JSON.stringify({
          offer: { name: 'With extras' },
          offer_platform: { platform: ['iOS'] },
          offer_cap: { cap_type: 1, conversion_cap: 10 },
        }),
      );
      expect(answer).toMatchObject({
        status: 200,
        json: { data: { offer: { name: 'With extras' } } },
      });
    });

    it.each(PRESETS)(
      'create and update return the record with no read (%s answers)',
      async (answers) => {
        use(answers);
        const created = await platform.create('offer', { ...OFFER, name: 'No read-back' });
        const updated = await platform.update(created.key, { payout: '3.9' }, created.record);
        expect(updated.record).toMatchObject({ name: 'No read-back', payout: '3.9' });
        expect(running.sandbox.runtime.log.entries().map((e) => e.method)).toEqual(['POST', 'PUT']);
      },
    );
  });

  describe('7. offer.advertiser_offer_id', () => {
    it('is written on create and update, answered, filterable, and finds a twin in one request', async () => {
      const { key, record } = await platform.create('offer', {
        ...OFFER,
        name: 'Twin',
        advertiser_offer_id: '401',
      });
      expect(record).toMatchObject({ advertiser_offer_id: '401' });
      expect(store().offer(Number(key.id)).advertiser_offer_id).toBe('401');
      await platform.update(key, { advertiser_offer_id: '402' }, record);
      expect(store().offer(Number(key.id)).advertiser_offer_id).toBe('402');
      expect(
        (await raw(running, 'GET', '/v1/offers?filters[advertiser_offer_id]=400&fields=id')).json
          .data.rowset,
      ).toEqual([{ id: 2 }]);
      running.sandbox.runtime.log.clear();
      const found = await collect(platform.search('offer', { advertiser_offer_id: '402' }));
      expect(found.map((offer) => offer.id)).toEqual([key.id]);
      expect(running.sandbox.runtime.log.entries()).toMatchObject([
        {
          path: '/v1/batches/offers',
          params: { filters: { advertiser_offer_id: { EQUAL_TO: '402' } } },
        },
      ]);
    });
  });

  describe('8. geo as target lists', () => {
    it.each([
      ['v2', { target: [{ type: 2, country: 'China', country_code: 'CN' }] }],
      ['v1', { type: 2, countries: ['CN'] }],
    ] as const)(
      'the client writes the list; %s answers read as {type, countries}',
      async (answers, shown) => {
        use(answers);
        const { key, record } = await platform.create('offer', {
          ...OFFER,
          offer_geo: { type: 2, countries: ['CN'] },
        });
        const post = running.sandbox.runtime.log.entries((entry) => entry.method === 'POST')[0]!;
        expect(post.params.offer_geo).toEqual({ target: [{ type: 2, country: 'CN' }] });
        expect(record!.offer_geo).toEqual({ type: 2, countries: ['CN'] });
        expect((await raw(running, 'GET', `/v1/offers/${key.id}`)).json.data.offer_geo).toEqual(
          shown,
        );
      },
    );

    it('the sandbox takes both request forms and country names', async () => {
      const v1Form = await raw(
        running,
        'PUT',
        '/v1/offers/2',
        JSON.stringify({ offer_geo: { type: 1, countries: ['DE'] } }),
      );
      expect(v1Form.json.data.offer_geo).toEqual({
        target: [{ type: 1, country: 'Germany', country_code: 'DE' }],
      });
      const named = await raw(
        running,
        'PUT',
        '/v1/offers/2',
        JSON.stringify({ offer_geo: { target: [{ type: 1, country: 'France' }] } }),
      );
      expect(named.json.data.offer_geo.target[0]).toMatchObject({ country_code: 'FR' });
    });

    it('targets that do not fold are kept in the record, said so, and written back unchanged', async () => {
      running.sandbox.state.seed({
        offers: [
          {
            ...OFFER,
            id: 3,
            offer_geo: {
              target: [
                { type: 1, country: 'US', region: 'California' },
                { type: 2, country: 'CA' },
              ],
            },
          },
        ],
      });
      for (const answers of PRESETS) {
        use(answers);
        const offer = await platform.get({ kind: 'offer', id: '3' });
        expect(offer!.offer_geo).toEqual({
          type: 1,
          countries: ['US'],
          target: [
            { type: 1, country: 'US', region: 'California' },
            { type: 2, country: 'CA' },
          ],
          unfolded: 'the targets mix included and excluded countries',
        });
      }
      const offer = (await platform.get({ kind: 'offer', id: '3' }))!;
      await platform.update({ kind: 'offer', id: '3' }, { offer_geo: offer.offer_geo }, offer);
      expect(store().geos.get(3)!.targets).toEqual([
        { type: 1, country_code: 'US', region: 'California' },
        { type: 2, country_code: 'CA' },
      ]);
    });
  });

  describe('9. amounts', () => {
    it('may be sent as numbers or strings, come back as exact strings', async () => {
      const answer = await raw(
        running,
        'POST',
        '/v1/offers',
        JSON.stringify({ offer: { ...OFFER, payout: 3.5, revenue: '5.10' } }),
      );
      expect(answer.json.data.offer).toMatchObject({ payout: '3.5', revenue: '5.10' });
      const { record } = await platform.create('offer', {
        ...OFFER,
        payout: '0.10',
        revenue: '12.345',
      });
      expect(record).toMatchObject({ payout: '0.10', revenue: '12.345' });
      const post = running.sandbox.runtime.log.entries((entry) => entry.method === 'POST').at(-1)!;
      expect((post.params.offer as { payout: unknown }).payout).toBe('0.10');
    });
  });
});
