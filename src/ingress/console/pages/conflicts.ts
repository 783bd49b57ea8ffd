// GET /console/conflicts: the manual conflicts inbox, each with both sides' values and a "keep"
// button per connection; POST /console/conflicts/:id/resolve keeps one side through the same use
// case as `offer-sync conflicts resolve --keep`.
import type { PlatformName } from '../../../vocabulary/index.js';
import type { ListedConflict } from '../../../sync/conflicts/index.js';
import { CONSOLE_PATH, page, redirect, type ConsolePage } from '../console-page.js';
import { actionButton } from '../forms.js';
import { html, showTime, showValue, type SafeHtml } from '../html.js';
import { entityLink } from '../links.js';

const SIDES: readonly PlatformName[] = ['offerit', 'offerslook'];

export function conflictSection(conflict: ListedConflict, csrfToken: string): SafeHtml {
  const { connections } = conflict;
  const action = `${CONSOLE_PATH}/conflicts/${encodeURIComponent(conflict.id)}/resolve`;
  return html`<section class="conflict" data-conflict="${conflict.id}">
    <h2>
      ${conflict.kind} ${entityLink(connections.offerit, conflict.offerit)} ⇄
      ${entityLink(connections.offerslook, conflict.offerslook)}
    </h2>
    <p class="muted">
      conflict ${conflict.id} · first seen ${showTime(conflict.detectedAt)} · last seen
      ${showTime(conflict.lastDetectedAt)}
    </p>
    <table>
      <thead>
        <tr>
          <th>field</th>
          ${SIDES.map((side) => html`<th>${connections[side]}${connections[side] === side ? '' : ` (${side})`}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${Object.entries(conflict.fields).map(
          ([field, values]) =>
            html`<tr>
              <td>${field}</td>
              ${SIDES.map((side) => html`<td>${showValue(values[side])}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
    <p>
      ${SIDES.map((side) => actionButton(action, csrfToken, `Keep ${connections[side]}`, { keep: connections[side] }))}
    </p>
  </section>`;
}

export const conflictsPage: ConsolePage = {
  method: 'GET',
  path: `${CONSOLE_PATH}/conflicts`,
  nav: 'Conflicts',
  async handle(request, deps) {
    const conflicts = await deps.conflicts.list();
    return page(
      'Conflicts',
      conflicts.length === 0
        ? html`<p class="muted">No open conflicts.</p>`
        : html`<p>
              Fields changed on both sides that no owner or policy settles. Keeping a side writes
              all of its values onto the other.
            </p>
            ${conflicts.map((conflict) => conflictSection(conflict, request.csrfToken))}`,
    );
  },
};

export const resolveConflictAction: ConsolePage = {
  method: 'POST',
  path: `${CONSOLE_PATH}/conflicts/:id/resolve`,
  async handle(request, deps) {
    const id = request.params.id ?? '';
    const keep = request.form.keep;
    if (!keep) {
      return redirect(
        `${CONSOLE_PATH}/conflicts`,
        'error',
        `conflict ${id}: the form named no side to keep`,
      );
    }
    const outcome = await deps.conflicts.resolve(id, keep);
    const { result } = outcome;
    const changed = Object.keys(result.changes);
    return redirect(
      `${CONSOLE_PATH}/conflicts`,
      'ok',
      `Conflict ${id} resolved: kept ${outcome.kept}, ${result.action} on ${outcome.target}${result.targetId ? ` ${result.targetId}` : ''}${changed.length > 0 ? ` (${changed.join(', ')})` : ''}.`,
    );
  },
};
