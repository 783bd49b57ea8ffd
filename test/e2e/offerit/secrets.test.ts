// Secrets never leave: neither the API key nor affiliates' password hashes and API keys show up
// in any log line, at the most verbose level, across successes and every kind of failure, whether
// affiliate/search answers bare (v2, the documented reply) or inside an envelope (v1).
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.js';
import { createOfferitPlatform } from '../../../src/platforms/offerit/index.js';
import {
  ANSWERS,
  API_KEY,
  raw,
  sampleFixtures,
  startSandbox,
  type Running,
} from './sandbox-client.js';

describe.each(ANSWERS)('offerit secrets (%s answers)', (answers) => {
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
    running = await startSandbox(
      { fixtures: sampleFixtures(), answers },
      { logger, timeoutMs: 300 },
    );
    const affiliateSecrets = [...running.sandbox.state.affiliates.values()].flatMap((a) => [
      a.password,
      a.api_key,
    ]);
    expect(affiliateSecrets).toHaveLength(8);
    // The wire does carry them, bare in v2: what is checked below is the client cutting them off.
    const onTheWire = (await raw(running, 'GET', '/affiliate/search')).json as Record<
      string,
      unknown
    >;
    expect(Object.keys(onTheWire)).toEqual(
      answers === 'v1' ? ['result', 'message'] : ['3', '4', '7', '9'],
    );
    for (const secret of affiliateSecrets) expect(JSON.stringify(onTheWire)).toContain(secret);

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
    // An answer of an unexpected shape (a record without a username): its excerpt is scrubbed.
    (running.sandbox.state.affiliates.get('3') as { username?: string }).username = undefined;
    const shapeError = await running.client
      .searchAffiliates({ loginid: 3 })
      .catch((e: unknown) => e);
    expect(shapeError).toMatchObject({ code: 'PROTOCOL' });
    lines.push(JSON.stringify(shapeError), (shapeError as Error).message);

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
