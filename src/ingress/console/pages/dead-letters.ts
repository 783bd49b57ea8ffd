// GET /console/dead-letters: jobs that failed for good, per connection, with the platform's
// reason and a replay button; POST /console/dead-letters/:id/replay re-enqueues one through the
// same DeadLetters.replay as `offer-sync dlq replay`.
import type { DeadLetterEntry } from '../../../queue/dead-letter/dead-letter.js';
import { deadLetterQueueName, syncQueueName } from '../../../queue/names.js';
import { CONSOLE_PATH, page, redirect, type ConsolePage } from '../console-page.js';
import { letterEntity } from '../entity-status.js';
import { actionButton } from '../forms.js';
import { html, showTime, type SafeHtml } from '../html.js';
import { entityLink, jobHref } from '../links.js';

export function lettersTable(
  letters: readonly DeadLetterEntry[],
  csrfToken: string,
  dashboardPath: string,
): SafeHtml {
  return html`<table class="dead-letters">
    <thead>
      <tr>
        <th>letter</th>
        <th>entity</th>
        <th>code</th>
        <th>reason</th>
        <th>attempts</th>
        <th>first failed</th>
        <th>last failed</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${letters.map((letter) => {
        const entity = letterEntity(letter);
        return html`<tr data-letter="${letter.id}">
          <td>
            <a href="${jobHref(dashboardPath, deadLetterQueueName(letter.connection), letter.id)}"
              >${letter.id}</a
            >
            <div class="muted">
              failed job
              <a href="${jobHref(dashboardPath, letter.queue, letter.jobId)}">${letter.jobId}</a>
            </div>
          </td>
          <td>
            ${entity ? entityLink(entity.connection, entity.key) : html`<span class="muted">(unreadable payload)</span>`}
          </td>
          <td>${letter.code}</td>
          <td class="value">${letter.reason}</td>
          <td>${letter.attemptsMade}</td>
          <td>${showTime(letter.firstFailedAt)}</td>
          <td>${showTime(letter.lastFailedAt)}</td>
          <td>
            ${actionButton(`${CONSOLE_PATH}/dead-letters/${encodeURIComponent(letter.id)}/replay`, csrfToken, 'Replay')}
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

export const deadLettersPage: ConsolePage = {
  method: 'GET',
  path: `${CONSOLE_PATH}/dead-letters`,
  nav: 'Dead letters',
  async handle(request, deps) {
    const letters = await deps.deadLetters.list();
    const byConnection = new Map<string, DeadLetterEntry[]>();
    for (const letter of letters) {
      const list = byConnection.get(letter.connection) ?? [];
      list.push(letter);
      byConnection.set(letter.connection, list);
    }
    return page(
      'Dead letters',
      letters.length === 0
        ? html`<p class="muted">No dead letters.</p>`
        : html`<p>
              Sync jobs that failed for good. Fix the cause (the data or the mapping), then replay.
            </p>
            ${[...byConnection].map(
              ([connection, list]) =>
                html`<h2>
                    Into ${connection}: ${list.length} letter${list.length === 1 ? '' : 's'}
                    <span class="muted">(${syncQueueName(connection)})</span>
                  </h2>
                  ${lettersTable(list, request.csrfToken, request.context.dashboardPath)}`,
            )}`,
    );
  },
};

export const replayDeadLetterAction: ConsolePage = {
  method: 'POST',
  path: `${CONSOLE_PATH}/dead-letters/:id/replay`,
  async handle(request, deps) {
    const replayed = await deps.deadLetters.replay(request.params.id ?? '');
    return redirect(
      `${CONSOLE_PATH}/dead-letters`,
      'ok',
      `Replayed ${replayed.id} as job ${replayed.jobId} on ${replayed.queue}.`,
    );
  },
};
