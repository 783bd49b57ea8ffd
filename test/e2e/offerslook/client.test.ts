// The Offerslook client against a running sandbox: every call it makes, the hooks around them,
// and every way a call can fail, mapped onto the error taxonomy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import {
  createOfferslookClient,
  createOfferslookTransport,
} from '../../../src/platforms/offerslook/index.js';
import { z } from 'zod';
import { API_KEY, OFFER, startSandbox, type Running } from './sandbox-client.js';

async function failureOf(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected the call to fail');
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('Offerslook client: every call', () => {
  let running: Running;
  const before: string[] = [];
  const after: { operation: string; status: number | undefined }[] = [];

  beforeAll(async () => {
    running = await startSandbox(
      {},
      {
        hooks: {
          beforeRequest: async (operation) => {
            before.push(operation);
            await Promise.resolve();
          },
          afterResponse: ({ operation, status, durationMs }) => {
            expect(durationMs).toBeGreaterThanOrEqual(0);
            after.push({ operation, status });
          },
        },
      },
    );
    running.sandbox.state.seed({
      affiliates: [
        { id: 201, first_name: 'Alice', email: 'alice@example.com' },
        { id: 202, first_name: 'Bob', email: 'bob@example.com' },
      ],
    });
  });
  afterAll(() => running.sandbox.stop());
  beforeEach(() => {
    before.length = 0;
    after.length = 0;
  });

  it('pings with GET /v1/offers?limit=1', async () => {
    await running.client.ping();
    const [entry] = running.sandbox.runtime.log.entries().slice(-1);
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/v1/offers',
      params: { limit: '1' },
      status: 200,
    });
    expect(before).toEqual(['GET /v1/offers']);
    expect(after).toEqual([{ operation: 'GET /v1/offers', status: 200 }]);
  });

  it('creates, reads, lists and updates an offer', async () => {
    const created = await running.client.createOffer({
      offer: OFFER,
      offer_geo: { type: 1, countries: ['US', 'CA'] },
    });
    expect(created.offer).toMatchObject({
      name: 'E2E offer',
      advertiser_id: '12',
      status: 'pending',
      payout: '3.50',
    });
    expect(created.offer_geo).toEqual({ type: 1, countries: ['US', 'CA'] });
    const id = created.offer.id;

    const read = await running.client.getOffer(id);
    expect(read).toEqual(created);

    const updated = await running.client.updateOffer(id, {
      offer: { status: 'active', payout: '3.75' },
    });
    expect(updated.offer).toMatchObject({ status: 'active', payout: '3.75', name: 'E2E offer' });

    const page = await running.client.listOffers({
      filters: { id: { EQUAL_TO: id } },
      fields: ['id', 'name', 'payout'],
    });
    expect(page).toMatchObject({ offset: 1, totalRows: 1, totalPages: 1 });
    expect(page.rows).toEqual([{ id, name: 'E2E offer', payout: '3.75' }]);
    expect(before).toEqual([
      'POST /v1/offers',
      'GET /v1/offers/{id}',
      'PUT /v1/offers/{id}',
      'GET /v1/offers',
    ]);
    expect(after.map((entry) => entry.status)).toEqual([200, 200, 200, 200]);
  });

  it('creates, lists and patches offer events; events carry their offer id', async () => {
    const { offer } = await running.client.createOffer({ offer: OFFER });
    const event = await running.client.createOfferEvent(offer.id, {
      name: 'Sale',
      payout_type: 'CPS',
      percent_payout: '12',
    });
    expect(event).toMatchObject({
      name: 'Sale',
      offer_id: offer.id,
      payout_type: 'CPS',
      percent_payout: '12',
      status: 'active',
    });
    const patched = await running.client.updateOfferEvent(offer.id, event.id, {
      status: 'paused',
      percent_payout: '15',
    });
    expect(patched).toMatchObject({
      id: event.id,
      status: 'paused',
      percent_payout: '15',
      offer_id: offer.id,
    });
    const page = await running.client.listOfferEvents(offer.id);
    expect(page.rows.map((row) => [row.id, row.offer_id])).toEqual([
      ['1', offer.id],
      [event.id, offer.id],
    ]);
    expect(page.rows[0]).toMatchObject({ payout: '3.50', payout_type: 'CPA' });
  });

  it('creates, filters, patches (query parameters) and deletes affiliate payouts', async () => {
    const { offer } = await running.client.createOffer({ offer: OFFER });
    const payout = await running.client.createAffiliatePayout({
      affiliate_payout: { offer_id: Number(offer.id), affiliate_id: 201, current_payout: '4.10' },
      affiliate_tier: {
        user_id: 1,
        time_interval_type: 0,
        effective_time: '2025-03-01',
        expiration_time: '2025-03-31',
        tier_item: [{ volume_caps: 50, payout: '4.20' }],
      },
    });
    expect(payout).toMatchObject({
      offer_id: offer.id,
      affiliate_id: '201',
      event_id: '1',
      current_payout: '4.10',
    });
    expect(payout.affiliate_tier).toMatchObject({
      effective_time: Date.UTC(2025, 2, 1) / 1000,
      expiration_time: Date.UTC(2025, 2, 31, 23, 59, 59) / 1000,
    });

    const patched = await running.client.updateAffiliatePayout(payout.id, { current_payout: '89' });
    expect(patched).toMatchObject({ id: payout.id, current_payout: '89' });
    const patch = running.sandbox.runtime.log.entries((entry) => entry.method === 'PATCH').at(-1);
    expect(patch).toMatchObject({
      path: `/v1/affiliate_payouts/${payout.id}`,
      params: { current_payout: '89' },
      status: 200,
    });

    const listed = await running.client.listAffiliatePayouts({
      filters: { offer_id: { EQUAL_TO: offer.id } },
    });
    expect(listed.rows).toHaveLength(1);
    expect(listed.rows[0]).toMatchObject({
      id: payout.id,
      current_payout: '89',
      affiliate_tier: { user_id: '1' },
    });

    await running.client.deleteAffiliatePayout(payout.id);
    expect(
      (await running.client.listAffiliatePayouts({ filters: { offer_id: { EQUAL_TO: offer.id } } }))
        .rows,
    ).toEqual([]);
    expect(before.slice(-1)).toEqual(['GET /v1/affiliate_payouts']);
    expect(before).toContain('DELETE /v1/affiliate_payouts/{id}');
  });

  it('lists affiliates', async () => {
    const page = await running.client.listAffiliates({ sort: '-id' });
    expect(page.rows.map((row) => [row.id, row.email])).toEqual([
      ['202', 'bob@example.com'],
      ['201', 'alice@example.com'],
    ]);
    expect(
      await collect(running.client.iterateAffiliates({ email: { EQUAL_TO: 'bob@example.com' } })),
    ).toHaveLength(1);
  });
});

describe('Offerslook client: paging', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startSandbox({}, { pageSize: 2 });
    running.sandbox.state.seed({
      affiliates: [{ id: 1 }, { id: 2 }, { id: 3 }],
      offers: [1, 2, 3, 4, 5].map((id) => ({ ...OFFER, id, name: `Offer ${id}` })),
      events: [2, 3, 4].map((id) => ({ offer_id: 1, id, name: `Event ${id}` })),
    });
  });
  afterAll(() => running.sandbox.stop());
  beforeEach(() => running.sandbox.runtime.log.clear());

  const offsetsAsked = (path: string) =>
    running.sandbox.runtime.log
      .entries((entry) => entry.path === path)
      .map((entry) => entry.params.offset);

  it('walks pages 1..totalPages of pageSize rows and stops there', async () => {
    const offers = await collect(running.client.iterateOffers());
    expect(offers.map((offer) => offer.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(offsetsAsked('/v1/offers')).toEqual(['1', '2', '3']);
    expect(running.sandbox.runtime.log.entries().every((entry) => entry.params.limit === '2')).toBe(
      true,
    );
    const events = await collect(running.client.iterateOfferEvents('1'));
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3', '4']);
    expect(offsetsAsked('/v1/offers/1/offer_events')).toEqual(['1', '2']);
  });

  it('stops on an empty page when rows vanish while it walks', async () => {
    const created = [];
    for (const affiliate of [1, 2, 3]) {
      for (const offer of [1, 2]) {
        created.push(
          await running.client.createAffiliatePayout({
            affiliate_payout: { offer_id: offer, affiliate_id: affiliate },
          }),
        );
      }
    }
    running.sandbox.runtime.log.clear();
    const seen: string[] = [];
    for await (const payout of running.client.iterateAffiliatePayouts()) {
      seen.push(payout.id);
      // After the first page, everything past it is deleted: page 2 comes back empty.
      if (seen.length === 2)
        for (const other of created.slice(2)) await running.client.deleteAffiliatePayout(other.id);
    }
    expect(seen).toEqual([created[0]!.id, created[1]!.id]);
    expect(offsetsAsked('/v1/affiliate_payouts')).toEqual(['1', '2']);
  });

  it('asks for one page of an empty list', async () => {
    expect(
      await collect(running.client.iterateAffiliatePayouts({ offer_id: { EQUAL_TO: 5 } })),
    ).toEqual([]);
    expect(offsetsAsked('/v1/affiliate_payouts')).toEqual(['1']);
  });
});

describe('Offerslook client: failures', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startSandbox();
  });
  afterAll(() => running.sandbox.stop());
  beforeEach(() => {
    running.sandbox.runtime.faults.reset();
    running.sandbox.runtime.setRateLimit(null);
  });

  it('bad credentials -> AUTH', async () => {
    const wrong = createOfferslookClient({ ...running.config, apiKey: 'not-the-key' });
    const error = await failureOf(wrong.ping());
    expect(error).toMatchObject({ code: 'AUTH', status: 401, retryable: false });
    expect(error.message).not.toContain('not-the-key');
  });

  it('unknown offer -> NOT_FOUND with the platform message', async () => {
    const error = await failureOf(running.client.getOffer('999'));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      platformMessage: 'Offer 999 not found',
    });
    expect(error.operation).toBe('GET /v1/offers/999');
  });

  it('wrong method -> 405, a VALIDATION error', async () => {
    const send = createOfferslookTransport(running.config);
    const error = await failureOf(
      send({
        method: 'DELETE',
        path: '/v1/offers/1',
        template: '/v1/offers/{id}',
        data: z.unknown(),
      }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', status: 405, retryable: false });
  });

  it('422 -> VALIDATION carrying the platform message that names the field', async () => {
    const error = await failureOf(
      running.client.createOffer({ offer: { ...OFFER, payout_type: 'CPX' as never } }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', status: 422 });
    expect(error.platformMessage).toMatch(/^offer\.payout_type: /);
    expect(error.message).toContain('offer.payout_type');
  });

  it('429 with Retry-After -> RATE_LIMITED with retryAfterMs', async () => {
    running.sandbox.runtime.setRateLimit({ max: 1, durationMs: 30_000 });
    await running.client.ping();
    const error = await failureOf(running.client.ping());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true });
    // Whole seconds, rounded up: between 29 and 30 s are left of the window.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(29_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('503 -> TRANSIENT', async () => {
    running.sandbox.runtime.faults.failNext('server-error');
    const error = await failureOf(running.client.listAffiliates());
    expect(error).toMatchObject({ code: 'TRANSIENT', status: 503, retryable: true });
  });

  it('timeout -> TRANSIENT', async () => {
    const impatient = createOfferslookClient({ ...running.config, timeoutMs: 300 });
    running.sandbox.runtime.faults.failNext('timeout');
    const error = await failureOf(impatient.listAffiliates());
    expect(error).toMatchObject({ code: 'TRANSIENT', retryable: true });
    expect(error.message).toContain('timed out');
  });

  it('connection reset -> TRANSIENT', async () => {
    running.sandbox.runtime.faults.failNext('reset');
    const error = await failureOf(running.client.listAffiliates());
    expect(error).toMatchObject({ code: 'TRANSIENT', retryable: true });
  });

  it('malformed JSON -> PROTOCOL with an excerpt', async () => {
    running.sandbox.runtime.faults.failNext('malformed');
    const error = await failureOf(running.client.listAffiliates());
    expect(error).toMatchObject({ code: 'PROTOCOL', status: 200, retryable: false });
    expect(error.excerpt).toContain('{"code":0,"message":"Success","data":{"offer":');
  });

  it('HTTP 200 with a non-zero code -> a failure', async () => {
    running.sandbox.runtime.faults.failNext('failure-envelope');
    const error = await failureOf(running.client.listAffiliates());
    expect(error).toMatchObject({
      code: 'VALIDATION',
      status: 200,
      platformMessage: 'Operation failed, please try again',
    });
  });

  it('HTTP 200 with code 429 -> RATE_LIMITED', async () => {
    running.sandbox.runtime.faults.failNext('rate-limited');
    const error = await failureOf(running.client.listAffiliates());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1000 });
  });

  it('unreachable -> TRANSIENT', async () => {
    const other = await startSandbox();
    await other.sandbox.stop();
    const error = await failureOf(other.client.ping());
    expect(error).toMatchObject({ code: 'TRANSIENT', retryable: true });
    expect(error.message).not.toContain(API_KEY);
  });
});
