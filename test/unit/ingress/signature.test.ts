import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signWebhook,
  verifyWebhookSignature,
  type VerifyInput,
} from '../../../src/ingress/index.js';

const SECRET = 'whsec-test-secret';
const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;
const BODY = Buffer.from('{"entity":"offer","id":"400"}');
const CONNECTION = 'offerit';
const OK = {
  ok: true,
  signature: expect.stringMatching(/^[0-9a-f]{64}$/),
  expiresAtMs: expect.any(Number),
};

function input(overrides: Partial<VerifyInput> = {}, timestamp = NOW_S, body = BODY): VerifyInput {
  const headers = signWebhook(SECRET, CONNECTION, timestamp, body);
  return {
    secret: SECRET,
    connection: CONNECTION,
    timestamp: headers[TIMESTAMP_HEADER],
    signature: headers[SIGNATURE_HEADER],
    rawBody: body,
    nowMs: NOW_MS,
    ...overrides,
  };
}

describe('signWebhook', () => {
  it('produces an independently computed HMAC-SHA256 over "<timestamp>.<connection>.<body>"', () => {
    const headers = signWebhook(SECRET, CONNECTION, NOW_S, BODY);
    const expected = createHmac('sha256', SECRET)
      .update(`${NOW_S}.${CONNECTION}.${BODY.toString()}`)
      .digest('hex');
    expect(headers).toEqual({
      [TIMESTAMP_HEADER]: String(NOW_S),
      [SIGNATURE_HEADER]: `sha256=${expected}`,
    });
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts what signWebhook signed, with or without the sha256= prefix', () => {
    const bare = input().signature!.replace('sha256=', '');
    expect(verifyWebhookSignature(input())).toEqual({
      ok: true,
      signature: bare,
      expiresAtMs: NOW_MS + 300_000,
    });
    expect(verifyWebhookSignature(input({ signature: bare }))).toEqual(OK);
    // Upper or lower case, the replay store sees one signature.
    expect(verifyWebhookSignature(input({ signature: bare.toUpperCase() }))).toEqual({
      ok: true,
      signature: bare,
      expiresAtMs: NOW_MS + 300_000,
    });
  });

  it('binds the signature to its connection: signed for offerit, refused on offerslook', () => {
    expect(verifyWebhookSignature(input({ connection: 'offerslook' }))).toMatchObject({
      ok: false,
      code: 'BAD_SIGNATURE',
      message: expect.stringContaining('<timestamp>.<connection>.<raw body bytes>'),
    });
  });

  it('rejects a wrong secret, a changed body and a changed timestamp', () => {
    expect(verifyWebhookSignature(input({ secret: 'other' }))).toMatchObject({
      ok: false,
      code: 'BAD_SIGNATURE',
    });
    expect(
      verifyWebhookSignature(input({ rawBody: Buffer.from('{"entity":"offer","id":"401"}') })),
    ).toMatchObject({
      ok: false,
      code: 'BAD_SIGNATURE',
    });
    expect(verifyWebhookSignature(input({ timestamp: String(NOW_S - 1) }))).toMatchObject({
      ok: false,
      code: 'BAD_SIGNATURE',
    });
  });

  it('names the missing or malformed header without throwing', () => {
    const cases: [Partial<VerifyInput>, string, RegExp][] = [
      [{ timestamp: undefined }, 'MISSING_TIMESTAMP', /x-offer-sync-timestamp/],
      [{ timestamp: '' }, 'MISSING_TIMESTAMP', /x-offer-sync-timestamp/],
      [{ timestamp: '2023-11-14T22:13:20Z' }, 'BAD_TIMESTAMP', /unix seconds/],
      [{ timestamp: '1700000000.5' }, 'BAD_TIMESTAMP', /unix seconds/],
      [{ signature: undefined }, 'MISSING_SIGNATURE', /x-offer-sync-signature/],
      [{ signature: 'sha256=abc' }, 'BAD_SIGNATURE', /64 hex digits/],
      [{ signature: 'sha1=' + 'a'.repeat(64) }, 'BAD_SIGNATURE', /64 hex digits/],
      [{ signature: 'z'.repeat(64) }, 'BAD_SIGNATURE', /64 hex digits/],
      [{ signature: 'a'.repeat(65) }, 'BAD_SIGNATURE', /64 hex digits/],
    ];
    for (const [overrides, code, message] of cases) {
      const result = verifyWebhookSignature(input(overrides));
      expect(result, JSON.stringify(overrides)).toMatchObject({ ok: false, code });
      expect(result.ok === false && result.message).toMatch(message);
    }
  });

  it('refuses timestamps outside the 5-minute window in both directions, and accepts its edges', () => {
    expect(verifyWebhookSignature(input({}, NOW_S - 300))).toEqual(OK);
    expect(verifyWebhookSignature(input({}, NOW_S + 300))).toEqual(OK);
    const stale = verifyWebhookSignature(input({}, NOW_S - 301));
    expect(stale).toMatchObject({ ok: false, code: 'STALE_TIMESTAMP' });
    expect(stale.ok === false && stale.message).toMatch(/301 s old; only 300 s/);
    const future = verifyWebhookSignature(input({}, NOW_S + 3600));
    expect(future).toMatchObject({ ok: false, code: 'FUTURE_TIMESTAMP' });
    expect(future.ok === false && future.message).toMatch(/3600 s in the future/);
  });

  it('honours a configured tolerance', () => {
    expect(verifyWebhookSignature(input({ toleranceMs: 10_000 }, NOW_S - 11))).toMatchObject({
      code: 'STALE_TIMESTAMP',
    });
    expect(verifyWebhookSignature(input({ toleranceMs: 10_000 }, NOW_S - 9))).toEqual(OK);
  });

  it('accepts any signed body and rejects it after any single-byte change', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (secret, bytes, index, flip) => {
          const body = Buffer.from(bytes);
          const headers = signWebhook(secret, CONNECTION, NOW_S, body);
          const good: VerifyInput = {
            secret,
            connection: CONNECTION,
            timestamp: headers[TIMESTAMP_HEADER],
            signature: headers[SIGNATURE_HEADER],
            rawBody: body,
            nowMs: NOW_MS,
          };
          expect(verifyWebhookSignature(good)).toEqual(OK);
          const tampered = Buffer.from(body);
          const at = index % tampered.length;
          tampered[at] = tampered[at]! ^ flip;
          expect(verifyWebhookSignature({ ...good, rawBody: tampered })).toMatchObject({
            code: 'BAD_SIGNATURE',
          });
        },
      ),
    );
  });
});
