// GET /console: what needs a person (open conflicts, dead letters per connection, pending
// approvals, locks) and the last runs.
import { CONSOLE_PATH, page, type ConsolePage } from '../console-page.js';
import { html } from '../html.js';
import { runsTable } from './runs.js';

export const overviewPage: ConsolePage = {
  method: 'GET',
  path: CONSOLE_PATH,
  nav: 'Overview',
  async handle(request, deps) {
    const [conflicts, letters, runs, pending, locks] = await Promise.all([
      deps.conflicts.list(),
      deps.deadLetters.list(),
      deps.runs.list(5),
      deps.pending.list(),
      deps.locks.list(),
    ]);
    const byConnection = new Map<string, number>();
    for (const letter of letters)
      byConnection.set(letter.connection, (byConnection.get(letter.connection) ?? 0) + 1);
    return page(
      'Overview',
      html`<div class="cards">
          <a class="card" href="${CONSOLE_PATH}/conflicts"
            ><div class="count" data-count="conflicts">${conflicts.length}</div>
            open conflict${conflicts.length === 1 ? '' : 's'}</a
          >
          <a class="card" href="${CONSOLE_PATH}/dead-letters"
            ><div class="count" data-count="dead-letters">${letters.length}</div>
            dead
            letter${letters.length === 1 ? '' : 's'}${[...byConnection].map(([name, count]) => html`<div class="muted">${name}: ${count}</div>`)}</a
          >
          <a class="card" href="${CONSOLE_PATH}/pending"
            ><div class="count" data-count="pending">${pending.length}</div>
            pending approval${pending.length === 1 ? '' : 's'}</a
          >
          <a class="card" href="${CONSOLE_PATH}/locks"
            ><div class="count" data-count="locks">${locks.length}</div>
            lock${locks.length === 1 ? '' : 's'}</a
          >
        </div>
        <h2>Last runs</h2>
        ${runs.length === 0 ? html`<p class="muted">No reconciliation has run yet.</p>` : runsTable(runs, request.context.dashboardPath)}
        <h2>Look up an entity</h2>
        <form method="get" action="${CONSOLE_PATH}/entities">
          <input
            type="text"
            name="ref"
            placeholder="offerit:offer:400"
            aria-label="entity reference"
          />
          <button type="submit">Look up</button>
        </form>`,
    );
  },
};
