// The console's one kind of action control: a POST form with its CSRF token and a button.
import { CSRF_FIELD } from './csrf.js';
import { html, type SafeHtml } from './html.js';

export function actionButton(
  action: string,
  csrfToken: string,
  label: string,
  fields: Readonly<Record<string, string>> = {},
): SafeHtml {
  const hidden = Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return html`<form class="inline" method="post" action="${action}">
    <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />${hidden}<button type="submit">
      ${label}
    </button>
  </form>`;
}
