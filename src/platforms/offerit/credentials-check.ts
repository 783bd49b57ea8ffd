// Telling bad credentials from a refused request. Offerit documents only 200/400/404/405, so a
// network answers a wrong key or an IP missing from ADMIN_API_ALLOWED_IPS with 400, 404 or 200
// and a Failure body (or 401/403) - the very answers a bad parameter or an unknown id gets. A 404
// read as NOT_FOUND would make a reconcile think offers vanished; a 400 read as VALIDATION would
// dead-letter every job with a misleading reason.
//
// Matching the platform's message text would be fragile (networks word it differently, and
// translate it). Instead, an ambiguous failure is checked against `GET /service/ping`, which takes
// no parameters and so can fail only for credentials, the allow-list, a REST API that is off or
// a wrong base URL: if ping fails the same way, the failure is AUTH; if ping works, it stands.
// Any successful answer proves the same as a passing ping, so in a busy process the check is
// almost always answered from memory; otherwise one ping serves every failure for `ttlMs`, so a
// burst of failures costs one extra request.
import { PlatformError } from '../errors.js';

const PLATFORM = 'offerit';
export const PING_OPERATION = 'GET /service/ping';
const PROBLEM = 'credentials, IP allow-list or REST API not enabled';

export interface CredentialsCheckOptions {
  /** How long a verdict (a success, or a failing ping) is trusted, in ms. @defaultValue 60000 */
  ttlMs?: number;
  /** @defaultValue Date.now */
  now?: () => number;
}

export interface CredentialsCheck {
  /** Any successful answer: the credentials work. */
  passed(): void;
  /** The AUTH form of a failure of `GET /service/ping` itself (or of a 401/403 anywhere). */
  refused(error: PlatformError): PlatformError;
  /** An ambiguous failure of another call: AUTH when ping fails too, else as it stands. */
  reclassify(error: PlatformError): Promise<PlatformError>;
}

type Verdict = { ok: true; at: number } | { ok: false; at: number; ping: PlatformError };

export function createCredentialsCheck(
  ping: () => Promise<unknown>,
  options: CredentialsCheckOptions = {},
): CredentialsCheck {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  let verdict: Verdict | undefined;
  let pending: Promise<Verdict | PlatformError> | undefined;

  const check = (): Promise<Verdict | PlatformError> => {
    if (verdict && now() - verdict.at < ttlMs) return Promise.resolve(verdict);
    // Concurrent failures share one ping.
    pending ??= ping()
      .then((): Verdict => {
        verdict = { ok: true, at: now() };
        return verdict;
      })
      .catch((error: unknown): Verdict | PlatformError => {
        if (!(error instanceof PlatformError)) return inconclusivePing(error);
        if (error.code !== 'AUTH') return error;
        verdict = { ok: false, at: now(), ping: error };
        return verdict;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return {
    passed() {
      verdict = { ok: true, at: now() };
    },
    refused(error) {
      const auth = credentialsProblem(error);
      verdict = { ok: false, at: now(), ping: auth };
      return auth;
    },
    async reclassify(error) {
      const outcome = await check();
      if (outcome instanceof PlatformError) return undecided(error, outcome);
      return outcome.ok ? error : credentialsProblem(error, outcome.ping);
    },
  };
}

/**
 * The AUTH error for `failed`, with the platform's own message; `ping` is the failing ping that
 * showed a failure of another call to be a credentials problem.
 */
export function credentialsProblem(failed: PlatformError, ping?: PlatformError): PlatformError {
  const said = [
    failed.status === undefined ? undefined : `HTTP ${failed.status}`,
    failed.platformMessage ?? failed.excerpt,
  ]
    .filter((part) => part !== undefined)
    .join(': ');
  const confirmed =
    ping && ping !== failed && failed.operation !== PING_OPERATION
      ? `; ${PING_OPERATION} is refused too${ping.status === undefined ? '' : ` (HTTP ${ping.status})`}`
      : '';
  return new PlatformError(
    'AUTH',
    `${PLATFORM} ${failed.operation ?? 'request'}: ${PROBLEM}${said ? ` (${said})` : ''}${confirmed}`,
    {
      platform: PLATFORM,
      operation: failed.operation,
      status: failed.status,
      platformMessage: failed.platformMessage ?? ping?.platformMessage,
      excerpt: failed.excerpt,
      cause: failed,
    },
  );
}

/**
 * Ping could not answer (timeout, 5xx, 429): nobody can tell yet whether `failed` is a
 * credentials problem. Reported with ping's code, so it is retried when ping's failure would be,
 * and a 404 is never taken for "absent" on a guess.
 */
function undecided(failed: PlatformError, ping: PlatformError): PlatformError {
  return new PlatformError(
    ping.code,
    `${PLATFORM} ${failed.operation ?? 'request'}: refused (HTTP ${failed.status ?? '?'}${
      failed.platformMessage ? `: ${failed.platformMessage}` : ''
    }), and ${PING_OPERATION}, which tells a credentials problem from a refused request, failed: ${ping.message}`,
    {
      platform: PLATFORM,
      operation: failed.operation,
      status: failed.status,
      platformMessage: failed.platformMessage,
      retryAfterMs: ping.retryAfterMs,
      cause: ping,
    },
  );
}

function inconclusivePing(error: unknown): PlatformError {
  return new PlatformError('TRANSIENT', `${PLATFORM} ${PING_OPERATION}: ${String(error)}`, {
    platform: PLATFORM,
    operation: PING_OPERATION,
    cause: error,
  });
}
