// Where console pages link to: each other, and Bull Board's page of a job. Every path segment is
// URL-encoded; html`` escapes the result again as an attribute.
import { formatEntityKey, type ConnectionName, type EntityKey } from '../../vocabulary/index.js';
import { CONSOLE_PATH } from './console-page.js';
import { html, type SafeHtml } from './html.js';

const segment = encodeURIComponent;

/** `/console/entities/main/offer/400`, `/console/entities/main/goal/400/48`. */
export function entityHref(connection: ConnectionName, key: EntityKey): string {
  const id =
    key.offerId === undefined ? segment(key.id) : `${segment(key.offerId)}/${segment(key.id)}`;
  return `${CONSOLE_PATH}/entities/${segment(connection)}/${segment(key.kind)}/${id}`;
}

export function runHref(runId: string): string {
  return `${CONSOLE_PATH}/runs/${segment(runId)}`;
}

/** Bull Board's page of one job: `/admin/queues/queue/<queue>/<jobId>`. */
export function jobHref(dashboardPath: string, queue: string, jobId: string): string {
  return `${dashboardPath}/queue/${segment(queue)}/${segment(jobId)}`;
}

/** `main:offer:400` linking to its entity page. */
export function entityLink(connection: ConnectionName, key: EntityKey): SafeHtml {
  return html`<a href="${entityHref(connection, key)}">${connection}:${formatEntityKey(key)}</a>`;
}
