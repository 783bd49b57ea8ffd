// GET /console/locks: the locked entities (no route writes them) with Unlock; POST
// /console/locks/lock (`ref`, `reason`) and /console/locks/unlock (`ref`) do what `offer-sync lock
// <ref> --reason` and `offer-sync unlock <ref>` do (the same use case). The entity page carries
// the same forms; `back` sends the browser back to the page the form was on.
import { formatEntityKey, parseEntityRef } from '../../../vocabulary/index.js';
import { CONSOLE_PATH, page, redirect, type ConsolePage } from '../console-page.js';
import { backPage, formRef } from '../form-ref.js';
import { actionButton } from '../forms.js';
import { html, showTime } from '../html.js';
import { entityLink } from '../links.js';

export const LOCKS_PATH = `${CONSOLE_PATH}/locks`;

export const locksPage: ConsolePage = {
  method: 'GET',
  path: LOCKS_PATH,
  nav: 'Locks',
  async handle(request, deps) {
    const locks = await deps.locks.list();
    if (locks.length === 0) return page('Locks', html`<p class="muted">No entity is locked.</p>`);
    return page(
      'Locks',
      html`<p>
          No route writes a locked entity: its syncs report <code>locked</code> and write nothing.
        </p>
        <table>
          <thead>
            <tr>
              <th>entity</th>
              <th>reason</th>
              <th>since</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${locks.map((lock) => {
              const ref = parseEntityRef(lock.ref);
              return html`<tr data-lock="${lock.ref}">
                <td>${typeof ref === 'string' ? lock.ref : entityLink(ref.connection, ref.key)}</td>
                <td>${lock.reason || html`<span class="muted">(none given)</span>`}</td>
                <td>${showTime(lock.at)}</td>
                <td>
                  ${actionButton(`${LOCKS_PATH}/unlock`, request.csrfToken, 'Unlock', { ref: lock.ref, back: LOCKS_PATH })}
                </td>
              </tr>`;
            })}
          </tbody>
        </table>`,
    );
  },
};

export const lockAction: ConsolePage = {
  method: 'POST',
  path: `${LOCKS_PATH}/lock`,
  async handle(request, deps) {
    const back = backPage(request.form, LOCKS_PATH);
    const ref = formRef(request.form, deps.entities.connections);
    if (typeof ref === 'string') return redirect(back, 'error', `Not locked: ${ref}.`);
    const reason = (request.form.reason ?? '').trim();
    await deps.locks.lock(ref, reason);
    return redirect(
      back,
      'ok',
      `Locked ${ref.connection}:${formatEntityKey(ref.key)}${reason ? `: ${reason}` : ''}. No route writes it until it is unlocked.`,
    );
  },
};

export const unlockAction: ConsolePage = {
  method: 'POST',
  path: `${LOCKS_PATH}/unlock`,
  async handle(request, deps) {
    const back = backPage(request.form, LOCKS_PATH);
    const ref = formRef(request.form, deps.entities.connections);
    if (typeof ref === 'string') return redirect(back, 'error', `Not unlocked: ${ref}.`);
    const shown = `${ref.connection}:${formatEntityKey(ref.key)}`;
    return (await deps.locks.unlock(ref))
      ? redirect(back, 'ok', `Unlocked ${shown}.`)
      : redirect(back, 'error', `${shown} is not locked.`);
  },
};
