// GET /console/entities: look an entity up by its ref (`offerit:offer:400`), and
// GET /console/entities/:connection/:entity/<id or offerId/id>: what offer-sync knows of it,
// per pair (its twin, both sides' last sync, the managed values as last synced), with the open
// conflicts and dead letters that name it, its status as `offer-sync status --no-check` gives it
// (with the Lock form or Unlock button) and its history as `offer-sync history` lists it.
import type { LinkSide } from '../../../store/index.js';
import { formatEntityKey, parseEntityRef, type ConnectionName } from '../../../vocabulary/index.js';
import {
  CONSOLE_PATH,
  page,
  type ConsoleDeps,
  type ConsolePage,
  type ConsoleResult,
} from '../console-page.js';
import { historySection, statusSection } from '../entity-explained.js';
import type { EntityPairStatus } from '../entity-status.js';
import { html, showTime, showValue, type SafeHtml } from '../html.js';
import { entityHref, entityLink } from '../links.js';
import { conflictSection } from './conflicts.js';
import { lettersTable } from './dead-letters.js';

function lookupForm(ref = '', problem?: string): SafeHtml {
  return html`${problem ? html`<p class="refusal">${problem}</p>` : ''}
    <form method="get" action="${CONSOLE_PATH}/entities">
      <label
        >Entity <input type="text" name="ref" value="${ref}" placeholder="offerit:offer:400"
      /></label>
      <button type="submit">Look up</button>
    </form>
    <p class="muted">
      A ref is &lt;connection&gt;:&lt;entity&gt;:&lt;id&gt;; goals and commissions name their offer:
      offerit:goal:400/48.
    </p>`;
}

export const entityLookupPage: ConsolePage = {
  method: 'GET',
  path: `${CONSOLE_PATH}/entities`,
  nav: 'Entities',
  handle: (request, deps) => Promise.resolve(lookup(request.query.ref?.trim(), deps)),
};

function lookup(ref: string | undefined, deps: ConsoleDeps): ConsoleResult {
  if (!ref) return page('Look up an entity', lookupForm());
  const parsed = parseEntityRef(ref);
  if (typeof parsed === 'string') return page('Look up an entity', lookupForm(ref, parsed), 400);
  if (!deps.entities.connections.includes(parsed.connection)) {
    return page(
      'Look up an entity',
      lookupForm(ref, unknownConnection(parsed.connection, deps.entities.connections)),
      404,
    );
  }
  return { kind: 'redirect', to: entityHref(parsed.connection, parsed.key) };
}

export const entityPage: ConsolePage = {
  method: 'GET',
  path: `${CONSOLE_PATH}/entities/:connection/:entity/*`,
  async handle(request, deps) {
    const connection = request.params.connection ?? '';
    const ref = `${connection}:${request.params.entity ?? ''}:${request.params['*'] ?? ''}`;
    const parsed = parseEntityRef(ref);
    if (typeof parsed === 'string') return page('No such entity', lookupForm(ref, parsed), 400);
    if (!deps.entities.connections.includes(connection)) {
      return page(
        'No such entity',
        lookupForm(ref, unknownConnection(connection, deps.entities.connections)),
        404,
      );
    }
    const [status, explained, history] = await Promise.all([
      deps.entities.status(parsed.connection, parsed.key),
      deps.entities.explain(parsed),
      deps.entities.history(parsed),
    ]);
    const here = entityHref(parsed.connection, parsed.key);
    return page(
      `${connection}:${formatEntityKey(parsed.key)}`,
      html`<p>${status.platform} ${parsed.key.kind} on connection ${connection}.</p>
        ${statusSection(explained, request.csrfToken, here)}
        ${status.pairs.length === 0 ? html`<p class="muted">No route syncs ${connection}.</p>` : status.pairs.map((pair) => pairSection(connection, pair))}
        <h2>Open conflicts</h2>
        ${status.conflicts.length === 0 ? html`<p class="muted">None.</p>` : status.conflicts.map((conflict) => conflictSection(conflict, request.csrfToken))}
        <h2>Dead letters</h2>
        ${status.deadLetters.length === 0 ? html`<p class="muted">None.</p>` : lettersTable(status.deadLetters, request.csrfToken, request.context.dashboardPath)}
        ${historySection(history)}`,
    );
  },
};

function pairSection(connection: ConnectionName, pair: EntityPairStatus): SafeHtml {
  const routes = pair.routes.length === 0 ? 'no route' : pair.routes.join(', ');
  if (!pair.link) {
    return html`<h2>With ${pair.other}</h2>
      <p class="twin">No twin on ${pair.other} yet <span class="muted">(${routes})</span>.</p>`;
  }
  const { self, twin, version } = pair.link;
  return html`<h2>With ${pair.other}</h2>
    <p class="twin">
      Twin: ${entityLink(pair.other, twin.key)}
      <span class="muted">(${routes}; link version ${version})</span>
    </p>
    <table>
      <thead>
        <tr>
          <th></th>
          <th>${connection}</th>
          <th>${pair.other}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th>last synced</th>
          <td>${showTime(self.syncedAt)}</td>
          <td>${showTime(twin.syncedAt)}</td>
        </tr>
        <tr>
          <th>platform update time</th>
          <td>${showTime(self.updatedAt)}</td>
          <td>${showTime(twin.updatedAt)}</td>
        </tr>
        <tr>
          <th>content hash seen</th>
          <td>${hash(self)}</td>
          <td>${hash(twin)}</td>
        </tr>
        <tr>
          <th>last write confirmed</th>
          <td>${confirmed(self)}</td>
          <td>${confirmed(twin)}</td>
        </tr>
      </tbody>
    </table>
    ${writtenTable(connection, self)} ${writtenTable(pair.other, twin)}`;
}

/** The managed values of one side as offer-sync last synced them (in that side's own field names). */
function writtenTable(connection: ConnectionName, side: LinkSide): SafeHtml {
  const fields = Object.keys(side.written ?? {}).sort();
  if (fields.length === 0) return html``;
  return html`<table class="fields" data-side="${connection}">
    <thead>
      <tr>
        <th>field on ${connection}</th>
        <th>as last synced</th>
      </tr>
    </thead>
    <tbody>
      ${fields.map(
        (field) =>
          html`<tr>
            <td>${field}</td>
            <td>${showValue(side.written?.[field])}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function hash(side: LinkSide): SafeHtml {
  return side.seenHash
    ? html`<span class="value">${side.seenHash.slice(0, 12)}</span>`
    : html`<span class="muted">—</span>`;
}

function confirmed(side: LinkSide): string {
  return side.unconfirmed ? 'no: settled by the next read' : 'yes';
}

function unknownConnection(name: string, known: readonly string[]): string {
  return `no connection named ${JSON.stringify(name)}; configured: ${known.join(', ')}`;
}
