// Bad credentials or an IP not on the allow-list, however the network answers them (401, 403, 400,
// 404 or 200 with a Failure): always AUTH, never retried, with the platform's own message, and
// never taken for a refused request (VALIDATION) or an absent entity (NOT_FOUND). The client
// tells them apart with one ping, shared by a burst of failures.
import { afterEach, describe, expect, it } from 'vitest';
import { explainPlatformFailure } from '../../../src/doctor/checks.js';
import { PlatformError } from '../../../src/platforms/errors.js';
import {
  createOfferitClient,
  createOfferitPlatform,
  type OfferitClient,
} from '../../../src/platforms/offerit/index.js';
import type { OfferitVariants } from '../../../src/sandbox/offerit/index.js';
import { sampleFixtures, startSandbox, type Running } from './sandbox-client.js';

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

const WAYS: readonly OfferitVariants['badCredentials'][] = [
  '401',
  '403',
  '400',
  '404',
  '200-failure',
];

describe('offerit bad credentials', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.sandbox.stop();
    running = undefined;
  });

  const pings = () =>
    running!.sandbox.runtime.log.entries((entry) => entry.path === '/api/service/ping').length;
  const wrongKey = (): OfferitClient =>
    createOfferitClient({ ...running!.config, apiKey: 'not-the-key' });

  it.each(WAYS)(
    'answered the %s way: AUTH on every call, with the platform message',
    async (way) => {
      running = await startSandbox({
        fixtures: sampleFixtures(),
        variants: { badCredentials: way },
      });
      const client = wrongKey();
      const platform = createOfferitPlatform(client);
      const calls: [string, () => Promise<unknown>][] = [
        ['GET /service/ping', () => client.ping()],
        ['GET /offer/get_details', () => client.getDetails({ offerid: '400' })],
        ['PATCH /offer/edit_offer', () => client.editOffer({ offerid: 400, name: 'x' })],
        ['GET /affiliate/search', () => client.searchAffiliates({ loginid: 3 })],
        ['GET /offer/get_commission_changes', () => client.getCommissionChanges({ offerid: 400 })],
        // The adapter must not turn any of them into "absent".
        ['GET /offer/get_details', () => platform.get({ kind: 'offer', id: '400' })],
        [
          'GET /offer/get_commission_changes',
          () => platform.get({ kind: 'commission', offerId: '400', id: '59' }),
        ],
        ['GET /affiliate/search', () => platform.get({ kind: 'affiliate', id: '3' })],
      ];
      for (const [operation, call] of calls) {
        const error = await failure(call());
        expect(error, operation).toMatchObject({
          code: 'AUTH',
          retryable: false,
          operation,
          status: way === '200-failure' ? 200 : Number(way),
          platformMessage: 'Invalid API credentials',
        });
        expect(error.message).toContain('credentials, IP allow-list or REST API not enabled');
      }
      // Only the explicit ping: 401/403 say so themselves, and for the others the failing ping's
      // verdict served every later call.
      expect(pings()).toBe(1);
      expect(running.sandbox.state.offers.get('400')!.fields.name).toBe(
        'Summer Dating CPA (GB/DE)',
      );
    },
  );

  it('a burst of ambiguous failures costs one ping; a real 404 or 400 stands once ping works', async () => {
    running = await startSandbox({
      fixtures: sampleFixtures(),
      variants: { badCredentials: '404' },
    });
    const client = wrongKey();
    const errors = await Promise.all(
      Array.from({ length: 5 }, () => failure(client.editOffer({ offerid: 400, name: 'x' }))),
    );
    expect(errors.map((error) => error.code)).toEqual(['AUTH', 'AUTH', 'AUTH', 'AUTH', 'AUTH']);
    expect(pings()).toBe(1);
    expect((await failure(client.getDetails({ offerid: 400 }))).code).toBe('AUTH');
    expect(pings()).toBe(1);

    // With the right key: the first ambiguous failure pings once, and it passes.
    const good = running.client;
    running.sandbox.runtime.log.clear();
    const unknown = await failure(good.editOffer({ offerid: 999, name: 'x' }));
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', platformMessage: 'Invalid offerid: 999' });
    const refused = await failure(good.addOffer({ name: 'x', url: 'u', conversion_type: 'pixel' }));
    expect(refused).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect(pings()).toBe(1);
    // Any success proves the credentials as well as a ping would.
    const fresh = createOfferitClient(running.config);
    await fresh.getDetails({ offerid: 400 });
    running.sandbox.runtime.log.clear();
    expect((await failure(fresh.editOffer({ offerid: 999, name: 'x' }))).code).toBe('NOT_FOUND');
    expect(pings()).toBe(0);
  });

  it('when ping cannot answer, nobody can tell yet: the failure is retried, never NOT_FOUND', async () => {
    running = await startSandbox({ fixtures: sampleFixtures() });
    const client = createOfferitClient(running.config);
    running.sandbox.runtime.faults.failNext('failure-envelope', 'server-error');
    const error = await failure(client.editOffer({ offerid: 400, name: 'x' }));
    expect(error).toMatchObject({
      code: 'TRANSIENT',
      retryable: true,
      operation: 'PATCH /offer/edit_offer',
      platformMessage: 'Database error, please try again',
    });
    expect(error.message).toContain('GET /service/ping');
    // The next try judges afresh.
    await expect(client.editOffer({ offerid: 400, name: 'x' })).resolves.toBe('offer_saved');
  });

  it('doctor names the problem and what to check, with the platform message', async () => {
    running = await startSandbox({ variants: { badCredentials: '200-failure' } });
    const error = await failure(createOfferitPlatform(wrongKey()).ping());
    const said = explainPlatformFailure(error);
    expect(said).toContain('credentials, IP allow-list or REST API not enabled');
    expect(said).toContain('ADMIN_API_ALLOWED_IPS');
    expect(said).toContain('Invalid API credentials');
    expect(said).not.toContain('not-the-key');
  });
});
