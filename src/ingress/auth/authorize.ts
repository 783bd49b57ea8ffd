// Who may call which route: the one decision every HTTP request passes before any handler runs
// (src/ingress/http/authenticate.ts applies it). Pure: a method, the matched route and the
// Authorization header in, a principal or a refusal out.
//   - `GET /healthz` and `GET /readyz` are open: orchestrators probe them without credentials.
//   - `POST /webhooks/:connection` is authenticated by its HMAC signature, which the webhook
//     handler checks (an unsigned webhook is refused there with 401).
//   - Everything else, unknown paths included, takes HTTP Basic with DASHBOARD_USER /
//     DASHBOARD_PASSWORD (people, in a browser) or `Authorization: Bearer <API_TOKEN>`
//     (automation); `/metrics` also takes `Bearer <METRICS_TOKEN>` (Prometheus' convention).
// Secrets are compared in constant time (hashed first, so lengths leak nothing either).
import { credentialsMatch, sameSecret } from '../dashboard/credentials.js';

export const OPEN_ROUTES: readonly string[] = ['/healthz', '/readyz'];
export const WEBHOOK_ROUTE = '/webhooks/:connection';
export const METRICS_ROUTE = '/metrics';
export const DASHBOARD_REALM = 'offer-sync dashboard';

export interface AuthSettings {
  dashboard?: { user: string; password: string } | undefined;
  apiToken?: string | undefined;
  metricsToken?: string | undefined;
}

/** Who a request was let in as. Only `dashboard` requests come from a browser's stored login. */
export type Principal =
  | { kind: 'open' }
  | { kind: 'webhook' }
  | { kind: 'dashboard'; user: string }
  | { kind: 'api' }
  | { kind: 'metrics' };

export interface AuthRequest {
  method: string;
  /** The matched route's pattern (`/reconcile/runs/:id`); `undefined` when no route matched. */
  route: string | undefined;
  authorization: string | undefined;
}

export type AuthDecision =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401; code: 'UNAUTHORIZED'; message: string; challenge: string };

export function authorize(request: AuthRequest, settings: AuthSettings): AuthDecision {
  const method = request.method.toUpperCase();
  const route = request.route;
  if (route !== undefined && OPEN_ROUTES.includes(route) && (method === 'GET' || method === 'HEAD'))
    return { ok: true, principal: { kind: 'open' } };
  if (route === WEBHOOK_ROUTE && method === 'POST')
    return { ok: true, principal: { kind: 'webhook' } };

  const challenge = settings.dashboard
    ? `Basic realm="${DASHBOARD_REALM}", charset="UTF-8"`
    : 'Bearer realm="offer-sync"';
  const refuse = (message: string): AuthDecision => ({
    ok: false,
    status: 401,
    code: 'UNAUTHORIZED',
    message,
    challenge,
  });
  const metrics = route === METRICS_ROUTE;
  const accepted = acceptedCredentials(settings, metrics);
  if (accepted.length === 0) {
    return refuse(
      `no credentials are configured, so this route is closed: set ${metrics ? 'METRICS_TOKEN, ' : ''}API_TOKEN or DASHBOARD_USER and DASHBOARD_PASSWORD`,
    );
  }
  const header = request.authorization?.trim();
  if (!header) return refuse(`this route needs credentials: ${accepted.join(' or ')}`);
  const [scheme = '', ...rest] = header.split(/\s+/);
  const value = rest.join(' ');
  switch (scheme.toLowerCase()) {
    case 'basic': {
      if (!settings.dashboard)
        return refuse(`basic auth is not configured here: use ${accepted.join(' or ')}`);
      const pair = decodeBasic(value);
      if (!pair) return refuse('malformed basic auth: expected base64 of <user>:<password>');
      if (!credentialsMatch(settings.dashboard, pair.user, pair.password))
        return refuse('wrong dashboard user name or password');
      return { ok: true, principal: { kind: 'dashboard', user: settings.dashboard.user } };
    }
    case 'bearer': {
      // Both compared whenever set, so timing does not tell which token a guess came close to.
      const api = settings.apiToken !== undefined && sameSecret(settings.apiToken, value);
      const scrape =
        metrics && settings.metricsToken !== undefined && sameSecret(settings.metricsToken, value);
      if (api) return { ok: true, principal: { kind: 'api' } };
      if (scrape) return { ok: true, principal: { kind: 'metrics' } };
      return refuse('wrong bearer token');
    }
    default:
      return refuse(`unsupported authorization scheme; use ${accepted.join(' or ')}`);
  }
}

/** What would open this route, in the words of the variables that configure it. */
function acceptedCredentials(settings: AuthSettings, metrics: boolean): string[] {
  const accepted: string[] = [];
  if (settings.dashboard) accepted.push('HTTP basic auth (DASHBOARD_USER / DASHBOARD_PASSWORD)');
  if (settings.apiToken) accepted.push('Authorization: Bearer <API_TOKEN>');
  if (metrics && settings.metricsToken) accepted.push('Authorization: Bearer <METRICS_TOKEN>');
  return accepted;
}

function decodeBasic(value: string): { user: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
