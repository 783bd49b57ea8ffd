// Every console request goes through here: a plain request in, `{status, headers, body}` out.
// It adds the security headers, refuses actions when read-only or without a valid CSRF token
// (csrf.ts), turns an action's result into a redirect carrying a flash message, shows the flash
// once, wraps pages in the layout, and turns known failures into a page saying what went wrong.
import type { Logger } from 'pino';
import { isOfferSyncError } from '../../errors/index.js';
import type { HandlerResponse } from '../http/handler-response.js';
import {
  CONSOLE_PATH,
  type ConsoleContext,
  type ConsoleDeps,
  type ConsolePage,
} from './console-page.js';
import { CONSOLE_CSS } from './console-style.js';
import { CSRF_FIELD, type Csrf } from './csrf.js';
import { clearFlashCookie, readFlash, setFlashCookie } from './flash-cookie.js';
import { html } from './html.js';
import { layout, type NavItem } from './layout.js';

/** On every console response: no framing, only our own resources, no type sniffing. */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

export interface RawConsoleRequest {
  method: string;
  /** The path asked for, without the query. */
  path: string;
  params: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, unknown>>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** A POST's raw `application/x-www-form-urlencoded` body. */
  body: string | undefined;
}

export interface ConsoleEnv {
  deps: ConsoleDeps;
  context: ConsoleContext;
  csrf: Csrf;
  nav: readonly NavItem[];
  logger: Logger;
}

/** Stable error codes a page can run into, and the status its explanation is sent with. */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  CONFLICT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  UNKNOWN_CONNECTION: 404,
  INVALID_KEEP: 400,
  NO_ROUTE: 409,
};

export async function handleConsoleRequest(
  page: ConsolePage,
  request: RawConsoleRequest,
  env: ConsoleEnv,
): Promise<HandlerResponse<string>> {
  const user = basicAuthUser(request.headers);
  const csrfToken = env.csrf.tokenFor(user);
  const form = page.method === 'POST' ? parseForm(request.body) : {};
  const show = (title: string, body: ReturnType<typeof html>, status = 200, extra = {}) =>
    htmlResponse(
      status,
      layout({
        title,
        body,
        nav: env.nav,
        current: request.path,
        context: env.context,
        flash: readFlash(header(request.headers, 'cookie')),
      }),
      { 'set-cookie': clearFlashCookie(CONSOLE_PATH), ...extra },
    );

  if (page.method === 'POST') {
    if (env.context.readOnly) {
      return show(
        'Refused: the console is read-only',
        html`<p class="refusal">
            This action was refused because the console is read-only (DASHBOARD_READ_ONLY is on).
            Nothing was changed. Set DASHBOARD_READ_ONLY=false to act from the console.
          </p>
          <p><a href="${backTo(request)}">Back</a></p>`,
        403,
      );
    }
    const refusal = env.csrf.refusal({ user, headers: request.headers, token: form[CSRF_FIELD] });
    if (refusal) {
      return show(
        'Refused: the request could not be verified',
        html`<p class="refusal">${refusal}. Nothing was changed.</p>
          <p><a href="${backTo(request)}">Back</a></p>`,
        403,
      );
    }
  }

  try {
    const result = await page.handle(
      {
        params: request.params,
        query: textQuery(request.query),
        form,
        user,
        csrfToken,
        context: env.context,
      },
      env.deps,
    );
    if (result.kind === 'redirect') {
      return {
        status: 303,
        headers: {
          ...CONSOLE_HEADERS,
          location: result.to,
          ...(result.flash ? { 'set-cookie': setFlashCookie(result.flash, CONSOLE_PATH) } : {}),
        },
        body: '',
      };
    }
    return show(result.title, result.body, result.status ?? 200);
  } catch (error) {
    if (isOfferSyncError(error)) {
      const status = STATUS_OF_CODE[error.code] ?? 502;
      return show(
        status === 502 ? 'The action failed' : 'Not possible',
        html`<p class="refusal">${error.reason()} <span class="muted">(${error.code})</span></p>
          <p><a href="${backTo(request)}">Back</a></p>`,
        status,
      );
    }
    env.logger.error({ err: error, path: request.path }, 'console request failed');
    return show(
      'Internal error',
      html`<p class="refusal">Internal error; see the offer-sync log.</p>`,
      500,
    );
  }
}

/** GET /console/console.css */
export function consoleStylesheet(): HandlerResponse<string> {
  return {
    status: 200,
    headers: {
      ...CONSOLE_HEADERS,
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'max-age=300',
    },
    body: CONSOLE_CSS,
  };
}

function htmlResponse(
  status: number,
  body: string,
  headers: Record<string, string>,
): HandlerResponse<string> {
  return {
    status,
    headers: { ...CONSOLE_HEADERS, 'content-type': 'text/html; charset=utf-8', ...headers },
    body,
  };
}

/** The page an action came from (a refused one links back to it), within the console only. */
function backTo(request: RawConsoleRequest): string {
  const referer = header(request.headers, 'referer');
  if (referer) {
    try {
      const path = new URL(referer).pathname;
      if (path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`)) return path;
    } catch {
      // not a URL: fall through to the console's start
    }
  }
  return CONSOLE_PATH;
}

function header(headers: RawConsoleRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The user named by a Basic Authorization header (the auth hook already checked it). */
function basicAuthUser(headers: RawConsoleRequest['headers']): string {
  const match = /^Basic\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '');
  if (!match) return '';
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

function parseForm(body: string | undefined): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body ?? '')) form[name] ??= value;
  return form;
}

function textQuery(query: RawConsoleRequest['query']): Record<string, string | undefined> {
  const text: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (typeof first === 'string') text[name] = first;
  }
  return text;
}
