// Webhook signatures (v2): HMAC-SHA256 over `<timestamp>.<connection>.<raw body>` with the
// connection's secret, hex encoded. The timestamp is inside the MAC so a captured request cannot
// be replayed outside the tolerance window with a fresh timestamp; the connection name is, so a
// request signed for `/webhooks/offerit` is refused on `/webhooks/offerslook` even where both
// share a secret. Replays inside the window are the replay store's (webhook-replays.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-offer-sync-timestamp';
export const SIGNATURE_HEADER = 'x-offer-sync-signature';
/** Replays are refused once a timestamp is this far from now, either way: 5 minutes. */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * The headers a sender adds for `POST /webhooks/<connection>`. `timestamp` is unix seconds;
 * `body` must be the exact bytes sent.
 */
export function signWebhook(
  secret: string,
  connection: string,
  timestamp: number | string,
  body: string | Buffer,
): Record<typeof TIMESTAMP_HEADER | typeof SIGNATURE_HEADER, string> {
  const stamp = String(timestamp);
  return {
    [TIMESTAMP_HEADER]: stamp,
    [SIGNATURE_HEADER]: `sha256=${mac(secret, stamp, connection, body)}`,
  };
}

export interface VerifyInput {
  secret: string;
  /** The connection the request was sent to (the `:connection` path segment): it is signed. */
  connection: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
  /** Current time, in milliseconds since the epoch. */
  nowMs: number;
  /** @defaultValue {@link DEFAULT_TOLERANCE_MS} */
  toleranceMs?: number;
}

export type VerifyResult =
  | {
      ok: true;
      /** The verified MAC, lower-case hex: what the replay store remembers. */
      signature: string;
      /** When the signature stops being accepted, in milliseconds since the epoch. */
      expiresAtMs: number;
    }
  | { ok: false; code: string; message: string };

export function verifyWebhookSignature(input: VerifyInput): VerifyResult {
  const toleranceMs = input.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  const { timestamp, signature } = input;
  if (timestamp === undefined || timestamp === '') {
    return fail(
      'MISSING_TIMESTAMP',
      `missing ${TIMESTAMP_HEADER} header (unix seconds used in the signature)`,
    );
  }
  if (!UNIX_SECONDS.test(timestamp)) {
    return fail('BAD_TIMESTAMP', `${TIMESTAMP_HEADER} must be unix seconds, such as 1700000000`);
  }
  if (signature === undefined || signature === '') {
    return fail(
      'MISSING_SIGNATURE',
      `missing ${SIGNATURE_HEADER} header (sha256=<hex HMAC-SHA256>)`,
    );
  }
  const hex = signature.startsWith('sha256=') ? signature.slice('sha256='.length) : signature;
  if (!HEX_SHA256.test(hex)) {
    return fail(
      'BAD_SIGNATURE',
      `${SIGNATURE_HEADER} must be sha256=<64 hex digits> or 64 bare hex digits`,
    );
  }
  const expected = Buffer.from(
    mac(input.secret, timestamp, input.connection, input.rawBody),
    'hex',
  );
  const given = Buffer.from(hex, 'hex');
  // Both are 32 bytes after the format check; the length test keeps timingSafeEqual from throwing.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail(
      'BAD_SIGNATURE',
      "signature does not match: sign `<timestamp>.<connection>.<raw body bytes>` with HMAC-SHA256 and the connection's webhook secret",
    );
  }
  const skewMs = input.nowMs - Number(timestamp) * 1000;
  if (skewMs > toleranceMs) {
    return fail(
      'STALE_TIMESTAMP',
      `timestamp is ${Math.round(skewMs / 1000)} s old; only ${toleranceMs / 1000} s are accepted (replay protection)`,
    );
  }
  if (-skewMs > toleranceMs) {
    return fail(
      'FUTURE_TIMESTAMP',
      `timestamp is ${Math.round(-skewMs / 1000)} s in the future; only ${toleranceMs / 1000} s of clock skew are accepted`,
    );
  }
  return {
    ok: true,
    signature: hex.toLowerCase(),
    expiresAtMs: Number(timestamp) * 1000 + toleranceMs,
  };
}

function mac(secret: string, timestamp: string, connection: string, body: string | Buffer): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.${connection}.`)
    .update(body)
    .digest('hex');
}

function fail(code: string, message: string): VerifyResult {
  return { ok: false, code, message };
}
