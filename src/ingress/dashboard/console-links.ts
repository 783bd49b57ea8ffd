// Bull Board's "external job URL" for our jobs: a sync job (or the dead letter of one) links to
// the console's page of the entity it synced from, a finished reconcile job to its run. Read
// from the job's references only (payloads hold no records or secrets).
import { entityHref, runHref } from '../console/links.js';
import { parseEntityRef } from '../../vocabulary/index.js';

export interface ExternalJobUrl {
  href: string;
  displayText?: string;
}

/** The console page of a job, from its data and return value; undefined for other jobs. */
export function consoleJobUrl(job: {
  data?: unknown;
  returnvalue?: unknown;
}): ExternalJobUrl | undefined {
  const runId = field(job.returnvalue, 'runId');
  if (typeof runId === 'string')
    return { href: runHref(runId), displayText: `console: run ${runId}` };
  const data = field(job.data, 'payload') ?? job.data;
  const source = field(data, 'source');
  const kind = field(data, 'kind');
  const id = field(data, 'id');
  const offerId = field(data, 'offerId');
  if (typeof source !== 'string' || typeof kind !== 'string' || typeof id !== 'string')
    return undefined;
  const ref = parseEntityRef(
    `${source}:${kind}:${typeof offerId === 'string' ? `${offerId}/` : ''}${id}`,
  );
  if (typeof ref === 'string') return undefined;
  return {
    href: entityHref(ref.connection, ref.key),
    displayText: `console: ${source}:${kind}:${typeof offerId === 'string' ? `${offerId}/` : ''}${id}`,
  };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
