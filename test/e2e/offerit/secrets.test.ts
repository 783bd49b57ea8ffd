// Secrets never leave: neither the API key nor affiliates' password hashes and API keys show up
// in any log line, at the most verbose level, across successes and every kind of failure.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.js';
import { createOfferitPlatform } from '../../../src/platforms/offerit/index.js';
import { API_KEY, sampleFixtures, startSandbox, type Running } from './sandbox-client.js';

describe('offerit secrets', () => {
  let running: Running | undefined;
  afterEach(() => running?.sandbox.stop());

  it('no logged line and no returned record carries the API key or an affiliate secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'trace' }, sink);
    running = await startSandbox({ fixtures: sampleFixtures() }, { logger, timeoutMs: 300 });
    const affiliateSecrets = [...running.sandbox.state.affiliates.values()].flatMap((a) => [
      a.password,
      a.api_key,
    ]);
    expect(affiliateSecrets).toHaveLength(8);

    const platform = createOfferitPlatform(running.client);
    const records: unknown[] = [];
    for await (const affiliate of platform.list('affiliate')) records.push(affiliate);
    records.push(await platform.get({ kind: 'affiliate', id: '3' }));
    for await (const offer of platform.list('offer')) records.push(offer);
    running.sandbox.runtime.faults.failNext(
      'timeout',
      'reset',
      'server-error',
      'malformed',
      'failure-envelope',
      'rate-limited',
    );
    for (let i = 0; i < 6; i++) await running.client.searchAffiliates().catch(() => undefined);

    expect(records.length).toBeGreaterThan(10);
    expect(lines.length).toBeGreaterThan(10);
    const logged = lines.join('\n');
    const returned = JSON.stringify(records);
    expect(logged).toContain('GET /affiliate/search');
    for (const secret of [API_KEY, ...affiliateSecrets]) {
      expect(logged).not.toContain(secret);
      expect(returned).not.toContain(secret);
    }
  });
});
