// Parts of the service beyond the sync workers, started by `start` and `worker` alike: the
// reconcile queue's worker, which runs scheduled and demo reconciliations with the same code as
// `offer-sync reconcile`.
import { reconcileExtension } from './reconcile-extension.js';
import type { ServiceExtension } from './service.js';

export const serviceExtensions: ServiceExtension[] = [reconcileExtension()];
