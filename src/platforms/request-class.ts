// Which class of work an HTTP request is made for, carried along the async call chain so the
// limiter can tell reconciliation from live work without threading a parameter through every
// platform client. A job's handler runs inside its class (wrapProcessor); reconciliation wraps
// its source listing in `runAsClass('reconcile', ...)`.
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * `live`: webhooks, CLI syncs, replays: someone is waiting for them. `reconcile`: a full
 * reconciliation's listing pages and sync jobs, which may use only part of a network's budget
 * while live work waits there.
 */
export type RequestClass = 'live' | 'reconcile';

const storage = new AsyncLocalStorage<RequestClass>();

/** Runs `fn` (and everything it awaits or starts) as `cls`; an inner call overrides an outer one. */
export function runAsClass<T>(cls: RequestClass, fn: () => T): T {
  return storage.run(cls, fn);
}

/** The class of the running code: `live` outside any `runAsClass`. */
export function currentClass(): RequestClass {
  return storage.getStore() ?? 'live';
}

/** The class a job's requests belong to, from the `reason` of its payload (any, or none). */
export function requestClassOf(reason: unknown): RequestClass {
  return reason === 'reconcile' ? 'reconcile' : 'live';
}
