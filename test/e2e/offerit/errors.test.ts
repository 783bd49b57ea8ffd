// Every way an Offerit call fails, mapped onto the error taxonomy by a real HTTP exchange.
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import {
  createOfferitClient,
  createOfferitTransport,
  statusResponseSchema,
} from '../../../src/platforms/offerit/index.js';
import { API_KEY, startSandbox, type Running } from './sandbox-client.js';

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected the call to fail');
}

describe('offerit client error mapping', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.sandbox.stop();
    running = undefined;
  });

  const fixtures = { offers: [{ offerid: '400', name: 'Offer', url: 'https://x.example/' }] };

  it('bad credentials -> AUTH (401 here; every other way in credentials.test.ts), not retryable', async () => {
    running = await startSandbox({ fixtures, answers: 'v1' });
    const wrong = createOfferitClient({ ...running.config, apiKey: 'not-the-key' });
    const error = await failure(wrong.ping());
    expect(error).toMatchObject({
      code: 'AUTH',
      status: 401,
      retryable: false,
      operation: 'GET /service/ping',
    });
    expect(error.platformMessage).toBe('Invalid API credentials');
    expect(error.message).toContain('credentials, IP allow-list or REST API not enabled');
  });

  it('unknown endpoint -> NOT_FOUND; unknown offer id -> NOT_FOUND with the platform message', async () => {
    running = await startSandbox({ fixtures });
    const transport = createOfferitTransport(running.config);
    const missing = await failure(
      transport.call('GET', 'offer/no_such_call', {}, statusResponseSchema),
    );
    expect(missing).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const unknown = await failure(running.client.editOffer({ offerid: 999, name: 'x' }));
    expect(unknown).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      platformMessage: 'Invalid offerid: 999',
    });
  });

  it('wrong method -> 405 VALIDATION', async () => {
    running = await startSandbox({ fixtures });
    const transport = createOfferitTransport(running.config);
    const error = await failure(
      transport.call('GET', 'offer/add_offer', { name: 'x', url: 'y' }, statusResponseSchema),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', status: 405, retryable: false });
    expect(error.platformMessage).toContain('use POST');
  });

  it('400 -> VALIDATION carrying the platform message', async () => {
    running = await startSandbox({ fixtures });
    const error = await failure(
      running.client.addOffer({
        name: 'x',
        url: 'https://x.example/',
        conversion_type: 'pixel',
      }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect(error.platformMessage).toBe(
      'invalid conversion_type: expected one of image, post, iframe',
    );
    expect(error.message).toContain('invalid conversion_type');
  });

  it('HTTP 200 with a Failure envelope -> VALIDATION once ping shows the credentials work', async () => {
    running = await startSandbox({ fixtures });
    running.sandbox.runtime.faults.failNext('failure-envelope');
    const error = await failure(running.client.getDetails({ offerid: '400' }));
    expect(error).toMatchObject({
      code: 'VALIDATION',
      status: 200,
      platformMessage: 'Database error, please try again',
    });
    // ping takes no parameters: a Failure there can only be the credentials (or the allow-list).
    running.sandbox.runtime.faults.failNext('failure-envelope');
    expect(await failure(running.client.ping())).toMatchObject({
      code: 'AUTH',
      retryable: false,
      platformMessage: 'Database error, please try again',
    });
  });

  it('429 with Retry-After -> RATE_LIMITED with retryAfterMs', async () => {
    running = await startSandbox({ fixtures, rateLimit: { max: 2, durationMs: 60_000 } });
    await running.client.ping();
    await running.client.ping();
    const error = await failure(running.client.ping());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true });
    // The window is 60 s and both slots were taken moments ago.
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('503 -> TRANSIENT, retryable', async () => {
    running = await startSandbox({ fixtures });
    running.sandbox.runtime.faults.failNext('server-error');
    const error = await failure(running.client.getDetails({ offerid: '400' }));
    expect(error).toMatchObject({ code: 'TRANSIENT', status: 503, retryable: true });
  });

  it('timeout -> TRANSIENT', async () => {
    running = await startSandbox({ fixtures }, { timeoutMs: 300 });
    running.sandbox.runtime.faults.failNext('timeout');
    const error = await failure(running.client.ping());
    expect(error).toMatchObject({
      code: 'TRANSIENT',
      retryable: true,
      operation: 'GET /service/ping',
    });
    expect(error.message).toContain('timed out');
  });

  it('connection reset -> TRANSIENT', async () => {
    running = await startSandbox({ fixtures });
    running.sandbox.runtime.faults.failNext('reset');
    const error = await failure(running.client.addOffer({ name: 'x', url: 'https://x.example/' }));
    expect(error).toMatchObject({ code: 'TRANSIENT', retryable: true });
    // The platform never saw a complete write, and the client did not retry on its own.
    expect(running.sandbox.state.offers.size).toBe(1);
    expect(
      running.sandbox.runtime.log.entries((e) => e.path === '/api/offer/add_offer'),
    ).toHaveLength(1);
  });

  it('malformed JSON -> PROTOCOL with a short excerpt of the body', async () => {
    running = await startSandbox({ fixtures });
    running.sandbox.runtime.faults.failNext('malformed');
    const error = await failure(running.client.addOffer({ name: 'x', url: 'https://x.example/' }));
    expect(error).toMatchObject({ code: 'PROTOCOL', status: 200, retryable: false });
    expect(error.excerpt).toContain('Fatal error');
    expect(error.excerpt!.length).toBeLessThanOrEqual(121);
  });

  it('after any failure the next call works (no poisoned state in the client)', async () => {
    running = await startSandbox({ fixtures });
    running.sandbox.runtime.faults.failNext('reset', 'server-error', 'malformed');
    for (let i = 0; i < 3; i++) await failure(running.client.ping());
    await expect(running.client.ping()).resolves.toBeUndefined();
  });

  it('no error message, platform message or excerpt contains the API key', async () => {
    running = await startSandbox({ fixtures }, { timeoutMs: 300 });
    // A success first: the ambiguous failures below are then judged without a ping of their own.
    await running.client.ping();
    running.sandbox.runtime.faults.failNext(
      'timeout',
      'reset',
      'server-error',
      'malformed',
      'failure-envelope',
      'rate-limited',
    );
    const errors: PlatformError[] = [];
    for (let i = 0; i < 6; i++)
      errors.push(await failure(running.client.getDetails({ offerid: '400' })));
    errors.push(
      await failure(createOfferitClient({ ...running.config, username: 'wrong' }).ping()),
    );
    expect(errors.map((error) => error.code)).toEqual([
      'TRANSIENT',
      'TRANSIENT',
      'TRANSIENT',
      'PROTOCOL',
      'VALIDATION',
      'RATE_LIMITED',
      'AUTH',
    ]);
    for (const error of errors) {
      const seen = JSON.stringify({
        json: error.toJSON(),
        message: error.message,
        stack: error.stack,
        cause: String(error.cause),
      });
      expect(seen).not.toContain(API_KEY);
      // got's own errors hold the request headers; the kept cause is a plain Error without them.
      if (error.cause !== undefined)
        expect(Object.keys(error.cause as object)).not.toContain('options');
    }
  });
});
