// Cross-site request forgery defence for the console's actions, in two independent parts:
//   - every form carries a token, an HMAC of the signed-in user under a key derived from the
//     dashboard password (the same token src/ingress/auth/state-change.ts checks, the same in
//     every process), that a page on another site cannot read (no CORS headers) and so cannot forge;
//   - the browser's own word on where a POST came from: `Sec-Fetch-Site` must say same-origin
//     and `Origin`, when sent, must be this host. Clients that send neither (curl, scripts) still
//     need the token.
import { timingSafeEqual } from 'node:crypto';
import { csrfTokenOf } from '../auth/state-change.js';

export const CSRF_FIELD = '_csrf';

export interface Csrf {
  /** The token the forms of `user` carry. */
  tokenFor(user: string): string;
  /** Why a POST is refused, or undefined when it may go ahead. */
  refusal(request: CsrfRequest): string | undefined;
}

export interface CsrfRequest {
  user: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The form's token field, if any. */
  token: string | undefined;
}

/** @param key From `csrfKey(DASHBOARD_PASSWORD)`: tokens stay valid across processes and restarts. */
export function createCsrf(key: Buffer): Csrf {
  const tokenFor = (user: string) => csrfTokenOf(key, user);
  return {
    tokenFor,
    refusal({ user, headers, token }) {
      const site = header(headers, 'sec-fetch-site');
      if (site !== undefined && site !== 'same-origin') {
        return `the request came from another site (Sec-Fetch-Site: ${site}); console actions are only accepted from the console's own pages`;
      }
      const origin = header(headers, 'origin');
      if (origin !== undefined && !sameHost(origin, headers)) {
        return `the request came from another origin (${origin}); console actions are only accepted from the console's own pages`;
      }
      if (!token) return 'the form carried no CSRF token: reload the page and try again';
      if (!sameText(token, tokenFor(user))) {
        return 'the form carried a stale or wrong CSRF token (the dashboard password may have changed): reload the page and try again';
      }
      return undefined;
    },
  };
}

function header(headers: CsrfRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether `origin` names the host the request was sent to (or a proxy says it was). */
function sameHost(origin: string, headers: CsrfRequest['headers']): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const hosts = [header(headers, 'host'), header(headers, 'x-forwarded-host')];
  return hosts.some((candidate) => candidate !== undefined && candidate === host);
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
