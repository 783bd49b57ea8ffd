// HTML for the console, built only through the `html` tagged template: every interpolation is
// escaped unless it is itself SafeHtml (what `html` returned), so a value read from a platform,
// a conflict or a dead letter can never become markup. Money and other values are shown as the
// text they were stored as (`showValue`), never through a number.

const SAFE = Symbol('safe-html');

/** Markup `html` produced (or `raw` vouched for); interpolated as is. */
export interface SafeHtml {
  readonly [SAFE]: true;
  readonly text: string;
}

/** What may be interpolated: text and numbers (escaped), SafeHtml, lists of them, or nothing. */
export type HtmlValue =
  SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function safe(text: string): SafeHtml {
  return { [SAFE]: true, text };
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && SAFE in value;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return escapeHtml(String(value));
  if (isSafeHtml(value)) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  // Not a type this accepts (a caller cast something): shown as escaped JSON, never as markup.
  return escapeHtml(JSON.stringify(value) ?? '');
}

/** The one way console markup is written: `html\`<td>${value}</td>\``. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return safe(text);
}

/** Trusted markup from this codebase (the stylesheet), never data. */
export function raw(text: string): SafeHtml {
  return safe(text);
}

/**
 * A stored value as a person reads it: strings exactly as stored (`"65.00"` stays 65.00, never
 * 65), numbers as JSON writes them, empty as `(empty)`, anything else as JSON.
 */
export function showValue(value: unknown): SafeHtml {
  if (value === undefined || value === null || value === '')
    return html`<span class="empty">(empty)</span>`;
  if (typeof value === 'string') return html`<span class="value">${value}</span>`;
  if (typeof value === 'number' || typeof value === 'boolean')
    return html`<span class="value">${String(value)}</span>`;
  return html`<span class="value json">${JSON.stringify(value)}</span>`;
}

/** An ISO timestamp (or epoch milliseconds) as UTC text; `—` when absent. */
export function showTime(value: string | number | undefined): string {
  if (value === undefined) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace('.000Z', 'Z');
}
