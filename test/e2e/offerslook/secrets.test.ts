// The API key (and the Basic credentials made from it) never appear in an error message, an
// error's details or cause, or a log line, whatever the failure.
import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.js';
import { isPlatformError } from '../../../src/platforms/errors.js';
import {
  createOfferslookClient,
  createOfferslookPlatform,
} from '../../../src/platforms/offerslook/index.js';
import { API_KEY, NETWORK, OFFER, startSandbox, type Running } from './sandbox-client.js';

const secrets = [API_KEY, Buffer.from(`${NETWORK}:${API_KEY}`).toString('base64')];

describe('Offerslook credentials stay secret', () => {
  let running: Running;
  const lines: string[] = [];
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    running = await startSandbox({}, { logger: createLogger({ level: 'trace' }, destination) });
  });
  afterAll(() => running.sandbox.stop());

  it('in no error message, error detail, cause or log line', async () => {
    const { client, sandbox } = running;
    const logger = createLogger(
      { level: 'trace' },
      new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }),
    );
    const platform = createOfferslookPlatform(client, { logger });
    const errors: unknown[] = [];
    const attempt = async (call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (error) {
        errors.push(error);
      }
    };
    const impatient = createOfferslookClient(
      { ...running.config, timeoutMs: 200 },
      undefined,
      logger,
    );

    await attempt(() => client.ping());
    await attempt(() =>
      createOfferslookClient(
        { ...running.config, apiKey: `${API_KEY}x` },
        undefined,
        logger,
      ).ping(),
    );
    await attempt(() => client.getOffer('404'));
    await attempt(() => client.createOffer({ offer: { ...OFFER, payout_type: 'CPX' as never } }));
    for (const fault of [
      'server-error',
      'reset',
      'malformed',
      'failure-envelope',
      'rate-limited',
    ] as const) {
      sandbox.runtime.faults.failNext(fault);
      await attempt(() => client.listAffiliates());
    }
    sandbox.runtime.faults.failNext('timeout');
    await attempt(() => impatient.listAffiliates());
    // A base-event PATCH that fails after the offer exists fails the create (its key was told).
    sandbox.runtime.faults.configure({ rates: { 'server-error': 1 }, pathPattern: /offer_events/ });
    await attempt(() => platform.create('offer', { ...OFFER, base_event: { is_private: 1 } }));
    sandbox.runtime.faults.reset();

    expect(errors.length).toBeGreaterThanOrEqual(10);
    expect(errors.every(isPlatformError)).toBe(true);
    expect(lines.length).toBeGreaterThan(10);
    const everything = [
      ...errors.map((error) => inspect(error, { depth: 10, showHidden: true })),
      ...errors.map((error) => JSON.stringify(error)),
      ...lines,
    ].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // The log did record the failures it saw, so the check above looked at real lines.
    expect(everything).toContain('offerslook request');
    expect(everything).toContain('offer_events');
  });
});
