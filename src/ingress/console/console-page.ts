// What a console page is: a route and a plain function from a request to a result (a page to
// show, or where to send the browser after an action). The console handler wraps every result
// in the layout, the security headers and the CSRF and read-only checks, so a page only says what
// it shows or does. Adding a page is adding one file to pages/ and a line to pages/index.ts.
import type { DeadLetters } from '../../queue/dead-letter/dead-letters.js';
import type { Enqueued } from '../../queue/index.js';
import type { EntityLock, ListedLock, PendingEntry } from '../../store/index.js';
import type { RunStore } from '../../store/runs/run-store.js';
import type { ListedConflict, ResolvedOutcome } from '../../sync/conflicts/index.js';
import type { EntityHistory, EntityStatus as ExplainedStatus } from '../../sync/explain/index.js';
import type { ConnectionName, EntityKey, EntityRef } from '../../vocabulary/index.js';
import type { EntityStatus } from './entity-status.js';
import type { SafeHtml } from './html.js';

export const CONSOLE_PATH = '/console';

/** What the console reads and does, each through the same use case as the CLI. */
export interface ConsoleDeps {
  runs: Pick<RunStore, 'list' | 'get'>;
  conflicts: {
    list(): Promise<ListedConflict[]>;
    /** Keeps one side (a platform or one of the pair's connections); throws ConflictResolveError. */
    resolve(id: string, keep: string): Promise<ResolvedOutcome>;
  };
  deadLetters: Pick<DeadLetters, 'list' | 'replay'>;
  entities: {
    /** Every connection by name (for the lookup form and its errors). */
    connections: readonly ConnectionName[];
    status(connection: ConnectionName, key: EntityKey): Promise<EntityStatus>;
    /** What `offer-sync status --no-check` says: from the stores only, no platform read. */
    explain(ref: EntityRef): Promise<ExplainedStatus>;
    /** What `offer-sync history` lists, newest first. */
    history(ref: EntityRef): Promise<EntityHistory>;
  };
  /** New offers held by `approve_new` routes: `offer-sync pending list|approve|reject`. */
  pending: {
    list(): Promise<PendingEntry[]>;
    /** Marks the offer approved and enqueues its sync along every route out of its connection. */
    approve(ref: EntityRef): Promise<Enqueued[]>;
    /** `false` when it was not pending (its syncs skip it all the same). */
    reject(ref: EntityRef): Promise<boolean>;
  };
  /** Operator locks: `offer-sync lock|unlock`. */
  locks: {
    list(): Promise<ListedLock[]>;
    lock(ref: EntityRef, reason: string): Promise<EntityLock>;
    /** `false` when it was not locked. */
    unlock(ref: EntityRef): Promise<boolean>;
  };
}

/** Where the console is and what it may do, from the server's configuration. */
export interface ConsoleContext {
  /** DASHBOARD_READ_ONLY: pages show, actions are refused with 403. */
  readOnly: boolean;
  /** Where Bull Board is mounted, for links to a job's page. */
  dashboardPath: string;
}

export interface ConsoleRequest {
  params: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  /** A POST's form fields (the CSRF token already checked and removed). */
  form: Readonly<Record<string, string | undefined>>;
  /** The signed-in user, as basic auth named them. */
  user: string;
  /** The token every form on the page must carry. */
  csrfToken: string;
  context: ConsoleContext;
}

export interface PageResult {
  kind: 'page';
  /** 200 unless the page explains a refusal or a miss. */
  status?: number;
  title: string;
  body: SafeHtml;
}

/** The browser is sent on to `to` (303); after an action (POST-redirect-GET) `flash` is shown there once. */
export interface RedirectResult {
  kind: 'redirect';
  to: string;
  flash?: { tone: 'ok' | 'error'; message: string };
}

export type ConsoleResult = PageResult | RedirectResult;

export interface ConsolePage {
  method: 'GET' | 'POST';
  /** A Fastify route under CONSOLE_PATH: `/console/runs/:id`, `/console/entities/:connection/*`. */
  path: string;
  /** Shown in the navigation bar, in the order of the registry. */
  nav?: string;
  handle(request: ConsoleRequest, deps: ConsoleDeps): Promise<ConsoleResult>;
}

export function page(title: string, body: SafeHtml, status?: number): PageResult {
  return status === undefined
    ? { kind: 'page', title, body }
    : { kind: 'page', title, body, status };
}

export function redirect(to: string, tone: 'ok' | 'error', message: string): RedirectResult {
  return { kind: 'redirect', to, flash: { tone, message } };
}
