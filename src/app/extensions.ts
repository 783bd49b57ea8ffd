// Parts of the service beyond the sync workers, started by `start` and `worker` alike.
import type { ServiceExtension } from './service.js';

export const serviceExtensions: ServiceExtension[] = [];
