// The entity page's operator part: what `offer-sync status --no-check` says (last sync, last
// error with the platform's own message, lock, approval, lossy fields), the Lock form or Unlock
// button, and what `offer-sync history` lists (each write's field, from and to as exact text).
import type { HistoryEntry } from '../../store/index.js';
import type { EntityHistory, EntityStatus } from '../../sync/explain/index.js';
import { CONSOLE_PATH } from './console-page.js';
import { CSRF_FIELD } from './csrf.js';
import { actionButton } from './forms.js';
import { html, showTime, showValue, type SafeHtml } from './html.js';

export function statusSection(status: EntityStatus, csrfToken: string, back: string): SafeHtml {
  const last = status.lastSync;
  const error = status.lastError;
  return html`<h2>Status</h2>
    <table class="status">
      <tbody>
        <tr>
          <th>last sync</th>
          <td data-status="last-sync">
            ${
              last
                ? html`${showTime(last.at)} ${last.action} along ${last.route}, ${last.writes}
                  write${last.writes === 1 ? '' : 's'}, job
                  ${last.jobId ?? '—'}${last.reason ? ` (${last.reason})` : ''}`
                : html`<span class="muted">none recorded</span>`
            }
          </td>
        </tr>
        <tr>
          <th>last error</th>
          <td data-status="last-error">
            ${
              error
                ? html`${showTime(error.at)} <strong>${error.code}</strong> along ${error.route},
                    attempt ${error.attempts}${error.final ? ' (failed for good)' : ''}:
                    ${error.message}${error.platformMessage && !error.message.includes(error.platformMessage) ? html` <span class="muted">platform: ${error.platformMessage}</span>` : ''}`
                : html`<span class="muted">none</span>`
            }
          </td>
        </tr>
        <tr>
          <th>lock</th>
          <td data-status="lock">
            ${
              status.locked
                ? html`locked since
                  ${showTime(status.locked.at)}${status.locked.reason ? `: ${status.locked.reason}` : ''}`
                : html`<span class="muted">not locked</span>`
            }
          </td>
        </tr>
        <tr>
          <th>approval</th>
          <td data-status="approval">
            ${
              status.pending
                ? html`pending since ${showTime(status.pending.firstSeen)} on
                    ${status.pending.routes.join(', ')} (<a href="${CONSOLE_PATH}/pending"
                      >pending approvals</a
                    >)`
                : status.rejected
                  ? `rejected ${showTime(status.rejected.at)}`
                  : html`<span class="muted">not held</span>`
            }
          </td>
        </tr>
        <tr>
          <th>lossy fields</th>
          <td data-status="lossy">
            ${
              status.lossy.length > 0
                ? status.lossy.join('; ')
                : html`<span class="muted">none reported</span>`
            }
          </td>
        </tr>
      </tbody>
    </table>
    ${status.locked ? actionButton(`${CONSOLE_PATH}/locks/unlock`, csrfToken, 'Unlock', { ref: status.ref, back }) : lockForm(status.ref, csrfToken, back)}`;
}

function lockForm(ref: string, csrfToken: string, back: string): SafeHtml {
  return html`<form class="inline" method="post" action="${CONSOLE_PATH}/locks/lock">
    <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
    <input type="hidden" name="ref" value="${ref}" />
    <input type="hidden" name="back" value="${back}" />
    <label
      >Reason <input type="text" name="reason" placeholder="why no route may write it"
    /></label>
    <button type="submit">Lock</button>
  </form>`;
}

export function historySection(history: EntityHistory): SafeHtml {
  return html`<h2>History</h2>
    ${
      history.entries.length === 0
        ? html`<p class="muted">No writes recorded.</p>`
        : html`<table class="history">
            <thead>
              <tr>
                <th>at</th>
                <th>route</th>
                <th>action</th>
                <th>written</th>
                <th>job</th>
                <th>field</th>
                <th>from</th>
                <th>to</th>
              </tr>
            </thead>
            <tbody>
              ${history.entries.map(historyRows)}
            </tbody>
          </table>`
    }`;
}

/** One write: a row per changed field (the write's columns on its first), or one row if none. */
function historyRows(entry: HistoryEntry): SafeHtml {
  const changes = Object.entries(entry.changes);
  const head = (span: number) =>
    html`<td rowspan="${span}">${showTime(entry.at)}</td>
      <td rowspan="${span}">${entry.route}</td>
      <td rowspan="${span}">${entry.action}</td>
      <td rowspan="${span}">${entry.target}</td>
      <td rowspan="${span}">${entry.jobId ?? '—'}</td>`;
  if (changes.length === 0)
    return html`<tr>
      ${head(1)}
      <td colspan="3" class="muted">no field changed</td>
    </tr>`;
  return html`${changes.map(
    ([field, change], index) =>
      html`<tr data-history-field="${field}">
        ${index === 0 ? head(changes.length) : ''}
        <td>${field}</td>
        <td>${showValue(change.from)}</td>
        <td>${showValue(change.to)}</td>
      </tr>`,
  )}`;
}
