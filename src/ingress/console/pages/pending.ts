// GET /console/pending: the new offers `approve_new` routes hold back, with Approve and Reject;
// POST /console/pending/approve and /reject do what `offer-sync approve <ref>` and
// `offer-sync reject <ref>` do (the same use case): approving enqueues the offer's sync along
// every route out of its connection, which creates its twin; rejecting makes its syncs skip it.
import { formatEntityKey, parseEntityRef } from '../../../vocabulary/index.js';
import { CONSOLE_PATH, page, redirect, type ConsolePage } from '../console-page.js';
import { formRef } from '../form-ref.js';
import { actionButton } from '../forms.js';
import { html, showTime, showValue } from '../html.js';
import { entityLink } from '../links.js';

const PENDING_PATH = `${CONSOLE_PATH}/pending`;

export const pendingPage: ConsolePage = {
  method: 'GET',
  path: PENDING_PATH,
  nav: 'Pending',
  async handle(request, deps) {
    const entries = await deps.pending.list();
    if (entries.length === 0)
      return page('Pending approvals', html`<p class="muted">No offers wait for approval.</p>`);
    return page(
      'Pending approvals',
      html`<p>
          New offers that routes with <code>approve_new</code> hold back. Approving creates each
          one's twin (its sync is queued along every route out of its connection); rejecting makes
          its syncs skip it until it is approved.
        </p>
        <table>
          <thead>
            <tr>
              <th>offer</th>
              <th>name</th>
              <th>payout</th>
              <th>first seen</th>
              <th>route</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${entries.map((entry) => {
              const ref = parseEntityRef(entry.ref);
              return html`<tr data-pending="${entry.ref}">
                <td>
                  ${typeof ref === 'string' ? entry.ref : entityLink(ref.connection, ref.key)}
                </td>
                <td>${showValue(entry.name)}</td>
                <td>${showValue(entry.payout)}</td>
                <td>${showTime(entry.firstSeen)}</td>
                <td>${entry.routes.join(', ')}</td>
                <td>
                  ${actionButton(`${PENDING_PATH}/approve`, request.csrfToken, 'Approve', { ref: entry.ref })}
                  ${actionButton(`${PENDING_PATH}/reject`, request.csrfToken, 'Reject', { ref: entry.ref })}
                </td>
              </tr>`;
            })}
          </tbody>
        </table>`,
    );
  },
};

export const approvePendingAction: ConsolePage = {
  method: 'POST',
  path: `${PENDING_PATH}/approve`,
  async handle(request, deps) {
    const ref = formRef(request.form, deps.entities.connections);
    if (typeof ref === 'string') return redirect(PENDING_PATH, 'error', `Not approved: ${ref}.`);
    const shown = `${ref.connection}:${formatEntityKey(ref.key)}`;
    if (ref.key.kind !== 'offer')
      return redirect(PENDING_PATH, 'error', `Not approved: only new offers wait, got ${shown}.`);
    const queued = await deps.pending.approve(ref);
    return redirect(
      PENDING_PATH,
      'ok',
      queued.length === 0
        ? `Approved ${shown} (no route leaves ${ref.connection}).`
        : `Approved ${shown}: queued ${queued.map((job) => `job ${job.jobId} on ${job.queue}`).join(', ')}.`,
    );
  },
};

export const rejectPendingAction: ConsolePage = {
  method: 'POST',
  path: `${PENDING_PATH}/reject`,
  async handle(request, deps) {
    const ref = formRef(request.form, deps.entities.connections);
    if (typeof ref === 'string') return redirect(PENDING_PATH, 'error', `Not rejected: ${ref}.`);
    const shown = `${ref.connection}:${formatEntityKey(ref.key)}`;
    if (ref.key.kind !== 'offer')
      return redirect(PENDING_PATH, 'error', `Not rejected: only new offers wait, got ${shown}.`);
    const was = await deps.pending.reject(ref);
    return redirect(
      PENDING_PATH,
      'ok',
      `Rejected ${shown}${was ? '' : ' (it was not pending)'}: its syncs skip it until it is approved.`,
    );
  },
};
