// An install from before mid-2020 has no get_details and answers it 404 "invalid endpoint". That
// is a clearly worded PROTOCOL error, never retried, that no read turns into "no offers" or
// "offer absent" (a reconcile would take every offer for vanished), and doctor says so plainly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPlatform } from '../../../src/doctor/checks.js';
import { PlatformError } from '../../../src/platforms/errors.js';
import {
  createOfferitClient,
  createOfferitPlatform,
  isGetDetailsMissing,
} from '../../../src/platforms/offerit/index.js';
import type { PlatformClient } from '../../../src/platforms/platform-client.js';
import { ANSWERS, sampleFixtures, startSandbox, type Running } from './sandbox-client.js';

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

async function drain(items: AsyncIterable<unknown>): Promise<void> {
  for await (const _item of items);
}

describe.each(ANSWERS)('offerit install without get_details (%s answers)', (answers) => {
  let running: Running;
  let platform: PlatformClient;
  beforeEach(async () => {
    running = await startSandbox({
      fixtures: sampleFixtures(),
      answers,
      variants: { getDetails: 'missing' },
    });
    platform = createOfferitPlatform(running.client);
  });
  afterEach(() => running.sandbox.stop());

  it('getDetails fails with a PROTOCOL error naming get_details and the mid-2020 release', async () => {
    const error = await failure(running.client.getDetails({ offerid: '400' }));
    expect(error).toMatchObject({
      code: 'PROTOCOL',
      retryable: false,
      status: 404,
      operation: 'GET /offer/get_details',
      platformMessage: 'Invalid endpoint /offer/get_details',
    });
    expect(error.message).toContain('no get_details endpoint');
    expect(error.message).toContain('mid-2020');
    expect(isGetDetailsMissing(error)).toBe(true);
  });

  it('no adapter read takes it for "absent": get, list and search all fail with it', async () => {
    const reads: [string, () => Promise<unknown>][] = [
      ['get offer', () => platform.get({ kind: 'offer', id: '400' })],
      ['get goal', () => platform.get({ kind: 'goal', offerId: '400', id: '48' })],
      ['list offers', () => drain(platform.list('offer'))],
      ['list goals', () => drain(platform.list('goal'))],
      ['list commissions', () => drain(platform.list('commission'))],
      [
        'list commissions of an offer',
        () => drain(platform.list('commission', { offerId: '400' })),
      ],
      ['search offers', () => drain(platform.search!('offer', { name: 'x' }))],
      ['create goal', () => platform.create('goal', { name: 'x' }, { offerId: '400' })],
    ];
    for (const [what, read] of reads)
      expect(isGetDetailsMissing(await failure(read())), what).toBe(true);
    // What needs no get_details still works.
    await expect(
      platform.get({ kind: 'commission', offerId: '400', id: '59' }),
    ).resolves.toMatchObject({ changeid: '59' });
  });

  it('doctor reports it plainly; with a wrong key it is the credentials, not get_details', async () => {
    const check = await checkPlatform(platform);
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('has no get_details endpoint');
    expect(check.detail).toContain('mid-2020');
    const wrong = createOfferitPlatform(
      createOfferitClient({ ...running.config, apiKey: 'not-the-key' }),
    );
    running.sandbox.variants.apply({ variants: { badCredentials: '404' } });
    expect((await checkPlatform(wrong)).detail).toContain(
      'credentials, IP allow-list or REST API not enabled',
    );
  });
});
