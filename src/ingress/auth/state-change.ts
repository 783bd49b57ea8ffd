// Whether a request may change state (resolve, approve, lock, replay, revert, Bull Board's retry
// and remove): the decision, pure. Two rules, in this order:
//   1. DASHBOARD_READ_ONLY (the default) refuses every change, 403 READ_ONLY, whoever asks.
//   2. A browser's stored login (HTTP basic: the browser resends it to any page that asks, so a
//      hostile page could post a form at us) must prove the request came from our own pages:
//      `Sec-Fetch-Site` (when sent) says `same-origin`, `Origin` (when sent) names our host, and,
//      where `requireToken` (forms and console actions), the CSRF token our pages embed comes
//      back in the `x-csrf-token` header or a `_csrf` form field. A bearer token is never sent
//      by a browser on its own, so API_TOKEN requests are not exposed to CSRF and pass.
// The token is an HMAC of the dashboard user under a key derived from the dashboard password:
// the same in every process (no session store), and void once the password changes.
import { createHash, createHmac } from 'node:crypto';
import { sameSecret } from '../dashboard/credentials.js';
import type { Principal } from './authorize.js';

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

export interface StateChangeRequest {
  principal: Principal | undefined;
  /** The request's `Host` header. */
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** From the `x-csrf-token` header or the `_csrf` form field. */
  csrfToken: string | undefined;
}

export interface StateChangeSettings {
  readOnly: boolean;
  dashboard?: { user: string; password: string } | undefined;
  /** Forms and console actions: the CSRF token is required of browser logins. */
  requireToken: boolean;
}

export type StateChangeDecision =
  | { ok: true }
  | { ok: false; status: 401 | 403; code: 'READ_ONLY' | 'CSRF' | 'UNAUTHORIZED'; message: string };

export function checkStateChange(
  request: StateChangeRequest,
  settings: StateChangeSettings,
): StateChangeDecision {
  if (settings.readOnly) {
    return {
      ok: false,
      status: 403,
      code: 'READ_ONLY',
      message: 'read-only: set DASHBOARD_READ_ONLY=false to allow actions that change state',
    };
  }
  const { principal } = request;
  if (principal?.kind === 'api') return { ok: true };
  if (principal?.kind !== 'dashboard' || !settings.dashboard) {
    return {
      ok: false,
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'changing state needs the dashboard login or Authorization: Bearer <API_TOKEN>',
    };
  }
  const csrf = (message: string): StateChangeDecision => ({
    ok: false,
    status: 403,
    code: 'CSRF',
    message,
  });
  if (request.secFetchSite !== undefined && request.secFetchSite !== 'same-origin')
    return csrf(`cross-site request refused (Sec-Fetch-Site: ${request.secFetchSite})`);
  if (request.origin !== undefined && !sameHost(request.origin, request.host))
    return csrf('cross-origin request refused: Origin does not name this server');
  if (settings.requireToken) {
    const expected = csrfToken(settings.dashboard);
    if (request.csrfToken === undefined || !sameSecret(expected, request.csrfToken))
      return csrf(
        `missing or wrong CSRF token: send the page's token as ${CSRF_HEADER} or ${CSRF_FIELD}`,
      );
  } else if (request.origin === undefined && request.secFetchSite === undefined) {
    return csrf('a browser login must send Origin or Sec-Fetch-Site to change state');
  }
  return { ok: true };
}

/** The CSRF token pages served to the dashboard login embed in their forms and requests. */
export function csrfToken(dashboard: { user: string; password: string }): string {
  return csrfTokenOf(csrfKey(dashboard.password), dashboard.user);
}

/** The key CSRF tokens are made with: derived from the dashboard password, so every process agrees. */
export function csrfKey(password: string): Buffer {
  return createHash('sha256').update(`offer-sync csrf key\0${password}`).digest();
}

/** The token of `user` under `key`; the console's forms carry the same one. */
export function csrfTokenOf(key: Buffer, user: string): string {
  return createHmac('sha256', key).update(`csrf\0${user}`).digest('base64url');
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined || !URL.canParse(origin)) return false;
  return new URL(origin).host.toLowerCase() === host.toLowerCase();
}
