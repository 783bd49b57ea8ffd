// The frame around every console page: title, navigation, the read-only notice, the flash
// message of the action that led here, and the page itself.
import { CONSOLE_PATH, type ConsoleContext } from './console-page.js';
import { html, type SafeHtml } from './html.js';

export interface NavItem {
  label: string;
  path: string;
}

export interface LayoutParts {
  title: string;
  body: SafeHtml;
  nav: readonly NavItem[];
  /** The path asked for, to mark the current navigation item. */
  current: string;
  context: ConsoleContext;
  flash?: { tone: 'ok' | 'error'; message: string } | undefined;
}

export function layout(parts: LayoutParts): string {
  const { context } = parts;
  const navLinks = parts.nav.map(
    (item) =>
      html`<a
        href="${item.path}"
        ${isCurrent(item.path, parts.current) ? html`aria-current="page"` : ''}
        >${item.label}</a
      >`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${parts.title} · offer-sync console</title>
        <link rel="stylesheet" href="${CONSOLE_PATH}/console.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="${CONSOLE_PATH}">offer-sync console</a>
          <nav>${navLinks}</nav>
          <a href="${context.dashboardPath}">Bull Board</a>
        </header>
        <main>
          ${parts.flash ? html`<p class="flash ${parts.flash.tone}" role="status">${parts.flash.message}</p>` : ''}
          ${context.readOnly ? html`<p class="readonly">Read-only: DASHBOARD_READ_ONLY is on, so the buttons here are refused. Set DASHBOARD_READ_ONLY=false to act from the console.</p>` : ''}
          <h1>${parts.title}</h1>
          ${parts.body}
        </main>
      </body>
    </html> `.text;
}

function isCurrent(path: string, current: string): boolean {
  return path === CONSOLE_PATH
    ? current === path
    : current === path || current.startsWith(`${path}/`);
}
