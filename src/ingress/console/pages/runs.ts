// GET /console/runs and /console/runs/:id: reconciliation runs, and one run's items with the
// field changes it made (or, dry, would make): field, from, to, each value as stored (money as
// its exact decimal text).
import { RECONCILE_QUEUE } from '../../../queue/names.js';
import { isRunId } from '../../../store/runs/run-id.js';
import type { ReconcileItem, RunSummary } from '../../../sync/reconcile/types.js';
import { parseEntityKey } from '../../../vocabulary/index.js';
import { CONSOLE_PATH, page, type ConsolePage } from '../console-page.js';
import { html, showTime, showValue, type SafeHtml } from '../html.js';
import { entityLink, jobHref, runHref } from '../links.js';

export function runsTable(runs: readonly RunSummary[], dashboardPath: string): SafeHtml {
  return html`<table class="runs">
    <thead>
      <tr>
        <th>run</th>
        <th>route</th>
        <th>entity</th>
        <th>status</th>
        <th>started</th>
        <th>finished</th>
        <th>created</th>
        <th>updated</th>
        <th>unchanged</th>
        <th>skipped</th>
        <th>failed</th>
        <th>paused</th>
        <th>writes</th>
        <th>job</th>
      </tr>
    </thead>
    <tbody>
      ${runs.map(
        (run) =>
          html`<tr>
            <td>
              <a href="${runHref(run.runId)}">${run.runId}</a
              >${run.dryRun ? html` <span class="muted">(dry run)</span>` : ''}
            </td>
            <td>${run.route}</td>
            <td>${run.entity}</td>
            <td>${run.status}${run.error ? html`<div class="muted">${run.error}</div>` : ''}</td>
            <td>${showTime(run.startedAt)}</td>
            <td>${showTime(run.finishedAt)}</td>
            <td>${run.created}</td>
            <td>${run.updated}</td>
            <td>${run.unchanged}</td>
            <td>${run.skipped}</td>
            <td>${run.failed}</td>
            <td>${run.paused}</td>
            <td>${run.writes}</td>
            <td>
              ${run.jobId ? html`<a href="${jobHref(dashboardPath, RECONCILE_QUEUE, run.jobId)}">Bull Board</a>` : '—'}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export const runsPage: ConsolePage = {
  method: 'GET',
  path: `${CONSOLE_PATH}/runs`,
  nav: 'Runs',
  async handle(request, deps) {
    const runs = await deps.runs.list(50);
    return page(
      'Reconciliation runs',
      runs.length === 0
        ? html`<p class="muted">
            No reconciliation has run yet (offer-sync reconcile, or RECONCILE_CRON).
          </p>`
        : runsTable(runs, request.context.dashboardPath),
    );
  },
};

export const runPage: ConsolePage = {
  method: 'GET',
  path: `${CONSOLE_PATH}/runs/:id`,
  async handle(request, deps) {
    const id = request.params.id ?? '';
    if (!isRunId(id)) {
      return page(
        'No such run',
        html`<p class="refusal">${JSON.stringify(id.slice(0, 64))} is not a reconcile run id.</p>`,
        400,
      );
    }
    const run = await deps.runs.get(id);
    if (!run) {
      return page(
        'No such run',
        html`<p class="refusal">No reconcile run ${id}: only the most recent runs are kept.</p>`,
        404,
      );
    }
    const report = 'items' in run ? run : undefined;
    const items = report?.items;
    const [from = '', to = ''] = run.route.split('->');
    return page(
      `Run ${run.runId}`,
      html`${runsTable([run], request.context.dashboardPath)}
      ${
        items === undefined
          ? html`<p class="muted">The run has not finished: its items are listed once it has.</p>`
          : html`<h2>Items</h2>
              ${items.length === 0 ? html`<p class="muted">Nothing differed: every entity was unchanged.</p>` : itemsTable(items, from, to)}
              ${(report?.itemsOmitted ?? 0) > 0 ? html`<p class="muted">${report?.itemsOmitted} unchanged or further items are not kept.</p>` : ''}`
      }`,
    );
  },
};

function itemsTable(items: readonly ReconcileItem[], from: string, to: string): SafeHtml {
  return html`<table class="items">
    <thead>
      <tr>
        <th>entity</th>
        <th>target</th>
        <th>action</th>
        <th>field</th>
        <th>from</th>
        <th>to</th>
        <th>notes</th>
      </tr>
    </thead>
    <tbody>
      ${items.map((item) => {
        const changes = Object.entries(item.changes);
        const rows = Math.max(1, changes.length);
        const notes = [item.reason, ...item.warnings].filter((note): note is string =>
          Boolean(note),
        );
        const head = html`<td rowspan="${rows}">${refLink(from, item.sourceId)}</td>
          <td rowspan="${rows}">${item.targetId ? refLink(to, item.targetId) : '—'}</td>
          <td rowspan="${rows}">${item.action}</td>`;
        const tail = html`<td rowspan="${rows}">
          ${notes.map((note) => html`<div>${note}</div>`)}
        </td>`;
        if (changes.length === 0)
          return html`<tr>
            ${head}
            <td colspan="3" class="muted">no field changes</td>
            ${tail}
          </tr>`;
        return changes.map(
          ([field, diff], index) =>
            html`<tr>
              ${index === 0 ? head : ''}
              <td>${field}</td>
              <td>${showValue(diff.from)}</td>
              <td>${showValue(diff.to)}</td>
              ${index === 0 ? tail : ''}
            </tr>`,
        );
      })}
    </tbody>
  </table>`;
}

function refLink(connection: string, keyText: string): SafeHtml {
  const key = parseEntityKey(keyText);
  return key && connection ? entityLink(connection, key) : html`${keyText}`;
}
