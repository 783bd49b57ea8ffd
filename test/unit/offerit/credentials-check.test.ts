// Telling bad credentials from a refused request, driven by a plain in-memory ping and clock.
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.js';
import { createCredentialsCheck } from '../../../src/platforms/offerit/credentials-check.js';
import { readAnswer } from '../../../src/platforms/offerit/read-answer.js';
import { affiliateSearchResponseSchema } from '../../../src/platforms/offerit/wire/affiliates.js';
import { pingResponseSchema } from '../../../src/platforms/offerit/wire/envelope.js';

const refused = (status: number, code: PlatformError['code'] = 'NOT_FOUND') =>
  new PlatformError(code, `offerit PATCH /offer/edit_offer: not found (HTTP ${status})`, {
    platform: 'offerit',
    operation: 'PATCH /offer/edit_offer',
    status,
    platformMessage: 'Invalid offerid: 9',
  });
const pingAuth = new PlatformError('AUTH', 'offerit GET /service/ping: ...', {
  platform: 'offerit',
  operation: 'GET /service/ping',
  status: 404,
  platformMessage: 'Invalid API credentials',
});

function network(answers: (() => Promise<unknown>)[]) {
  let clock = 0;
  let pings = 0;
  const check = createCredentialsCheck(
    () => {
      pings += 1;
      return answers.shift()!();
    },
    { ttlMs: 60_000, now: () => clock },
  );
  return {
    check,
    pings: () => pings,
    advance: (ms: number) => (clock += ms),
  };
}

describe('credentials check', () => {
  it('keeps a failure as it is when ping passes, and remembers that for ttlMs', async () => {
    const { check, pings, advance } = network([() => Promise.resolve(), () => Promise.resolve()]);
    const error = refused(404);
    expect(await check.reclassify(error)).toBe(error);
    advance(59_999);
    expect(await check.reclassify(error)).toBe(error);
    expect(pings()).toBe(1);
    advance(1);
    await check.reclassify(error);
    expect(pings()).toBe(2);
  });

  it('makes it AUTH, with both messages, when ping is refused too; one ping serves a burst', async () => {
    const { check, pings } = network([() => Promise.reject(pingAuth)]);
    const results = await Promise.all([1, 2, 3].map(() => check.reclassify(refused(404))));
    expect(pings()).toBe(1);
    for (const result of results) {
      expect(result).toMatchObject({
        code: 'AUTH',
        retryable: false,
        status: 404,
        operation: 'PATCH /offer/edit_offer',
        platformMessage: 'Invalid offerid: 9',
      });
      expect(result.message).toBe(
        'offerit PATCH /offer/edit_offer: credentials, IP allow-list or REST API not enabled (HTTP 404: Invalid offerid: 9); GET /service/ping is refused too (HTTP 404)',
      );
    }
  });

  it('a success since clears a failing verdict', async () => {
    const { check, pings } = network([() => Promise.reject(pingAuth)]);
    expect((await check.reclassify(refused(400, 'VALIDATION'))).code).toBe('AUTH');
    check.passed();
    expect((await check.reclassify(refused(400, 'VALIDATION'))).code).toBe('VALIDATION');
    expect(pings()).toBe(1);
  });

  it('reports an undecided failure with ping’s code, so it is retried', async () => {
    const timeout = new PlatformError('TRANSIENT', 'offerit GET /service/ping: timed out', {
      platform: 'offerit',
      operation: 'GET /service/ping',
    });
    const { check } = network([() => Promise.reject(timeout)]);
    const result = await check.reclassify(refused(404));
    expect(result).toMatchObject({ code: 'TRANSIENT', retryable: true, status: 404 });
    expect(result.message).toContain('timed out');
  });
});

describe('which answers are ambiguous', () => {
  const verdict = (status: number, body: string) => {
    const outcome = readAnswer(
      'GET /x',
      { status, body, retryAfterHeader: undefined },
      pingResponseSchema,
    );
    return outcome.ok ? 'ok' : `${outcome.error.code}${outcome.ambiguous ? ' ambiguous' : ''}`;
  };
  const failure = '{"result":"Failure","message":"no"}';

  it('400, 404 and a 200 that is not a success may be credentials; others say what they are', () => {
    expect(verdict(200, '{"result":"success"}')).toBe('ok');
    expect(verdict(200, failure)).toBe('VALIDATION ambiguous');
    expect(verdict(200, '<html>login</html>')).toBe('PROTOCOL ambiguous');
    expect(verdict(200, '{"error":"denied"}')).toBe('PROTOCOL ambiguous');
    expect(verdict(400, failure)).toBe('VALIDATION ambiguous');
    expect(verdict(404, failure)).toBe('NOT_FOUND ambiguous');
    expect(verdict(404, 'Not Found')).toBe('NOT_FOUND ambiguous');
    expect(verdict(401, failure)).toBe('AUTH');
    expect(verdict(403, failure)).toBe('AUTH');
    expect(verdict(405, failure)).toBe('VALIDATION');
    expect(verdict(503, failure)).toBe('TRANSIENT');
    expect(verdict(429, failure)).toBe('RATE_LIMITED');
  });

  it('a bare answer goes to the schema; one the schema refuses stays ambiguous', () => {
    const search = (body: string) =>
      readAnswer(
        'GET /affiliate/search',
        { status: 200, body, retryAfterHeader: undefined },
        affiliateSearchResponseSchema,
        { bare: true },
      );
    expect(search('{"3":{"loginid":"3","username":"a"}}')).toEqual({
      ok: true,
      value: [{ loginid: '3', username: 'a' }],
    });
    expect(search('{}')).toEqual({ ok: true, value: [] });
    expect(search('{"error":"denied"}')).toMatchObject({ ok: false, ambiguous: true });
    // Without `bare`, an answer with no envelope is refused before any schema.
    expect(verdict(200, '{}')).toBe('PROTOCOL ambiguous');
  });
});
