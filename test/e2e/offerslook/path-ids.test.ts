// Ids are platform ids: `.` and `..` once made the client send authenticated requests to
// `GET /v1/`, `/v1/offers/` and `/v1/offer_events`. Against the real sandbox, every method that
// puts an id into a path refuses a bad one before any request leaves; good ids still work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfferslookPlatform } from '../../../src/platforms/offerslook/index.js';
import { OFFER, startSandbox, type Running } from './sandbox-client.js';

describe('Offerslook ids in request paths', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startSandbox();
    running.sandbox.state.seed({ offers: [{ ...OFFER, id: 7, name: 'Seven' }] });
  });
  afterAll(() => running.sandbox.stop());

  it('sends nothing for ids that are not digits', async () => {
    const { client } = running;
    running.sandbox.runtime.log.clear();
    const platform = createOfferslookPlatform(client);
    for (const bad of ['.', '..', '', '7/offer_events', '7?x=1', '%2e%2e']) {
      const calls: [string, () => Promise<unknown>][] = [
        ['getOffer', () => client.getOffer(bad)],
        ['getOfferAll', () => client.getOfferAll(bad)],
        ['updateOffer', () => client.updateOffer(bad, {})],
        ['listOfferEvents', () => client.listOfferEvents(bad)],
        ['updateOfferEvent', () => client.updateOfferEvent('7', bad, {})],
        ['updateAffiliatePayout', () => client.updateAffiliatePayout(bad, {})],
        ['platform.get', () => platform.get({ kind: 'offer', id: bad })],
      ];
      for (const [name, call] of calls) {
        await expect(
          (async () => call())(),
          `${name}(${JSON.stringify(bad)})`,
        ).rejects.toMatchObject({ code: 'VALIDATION' });
      }
    }
    expect(running.sandbox.runtime.log.entries()).toEqual([]);
  });

  it('still reads a real id', async () => {
    expect(await running.client.getOffer('7')).toMatchObject({ offer: { id: '7', name: 'Seven' } });
  });
});
