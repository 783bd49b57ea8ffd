// The seed pages' own example requests, sent raw, succeed; with the seed's clock, ids and time
// zone the sandbox answers exactly the seed's example response.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { OFFER, raw, startSandbox, type Running } from './sandbox-client.js';

const text = (name: string) =>
  readFileSync(new URL(`../../fixtures/offerslook/${name}`, import.meta.url), 'utf8');

describe('seed examples against the sandbox', () => {
  let running: Running | undefined;
  afterEach(() => running?.sandbox.stop());

  it('seed 000: POST /v1/offers/102/offer_events answers the seed response exactly', async () => {
    running = await startSandbox({ now: () => 1478088797 * 1000 });
    // Offer 102 exists and event ids up to 9 are taken, so the new event gets id 10.
    running.sandbox.state.seed({
      offers: [{ ...OFFER, id: 102 }],
      events: [{ offer_id: 102, id: 9, name: 'Earlier' }],
    });
    const answer = await raw(
      running,
      'POST',
      '/v1/offers/102/offer_events',
      text('seed-000-request.json'),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(JSON.parse(text('seed-000-response.json')));
  });

  it('seed 002: POST /v1/affiliate_payouts answers the seed response exactly (at UTC+8)', async () => {
    running = await startSandbox({ now: () => 1467602151 * 1000, tierUtcOffsetMinutes: 480 });
    running.sandbox.state.seed({
      affiliates: [{ id: 7 }, { id: 8 }],
      offers: [{ ...OFFER, id: 7 }],
      affiliatePayouts: [{ id: 23, offer_id: 7, affiliate_id: 8 }],
    });
    const answer = await raw(
      running,
      'POST',
      '/v1/affiliate_payouts',
      text('seed-002-request.json'),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(JSON.parse(text('seed-002-response.json')));
  });

  it('seed 002 at the default UTC: same answer with the days at UTC', async () => {
    running = await startSandbox();
    running.sandbox.state.seed({ affiliates: [{ id: 7 }], offers: [{ ...OFFER, id: 7 }] });
    const answer = await raw(
      running,
      'POST',
      '/v1/affiliate_payouts',
      text('seed-002-request.json'),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.data.affiliate_tier).toMatchObject({
      effective_time: Date.UTC(2016, 8, 3) / 1000,
      expiration_time: Date.UTC(2016, 9, 3, 23, 59, 59) / 1000,
    });
    // The same payout again is refused: a retried create cannot double it.
    const again = await raw(
      running,
      'POST',
      '/v1/affiliate_payouts',
      text('seed-002-request.json'),
    );
    expect(again).toMatchObject({ status: 422, json: { code: 422 } });
  });
});
