// How one platform's probe runs its requests: each read is attempted once (a 429 waits its
// Retry-After and tries once more), its failure kept for the report line in the doctor's words,
// and after a failure that would repeat on every request (credentials, an unreachable host, a
// spent budget) the platform is asked nothing more.
import { isPlatformError } from '../../platforms/errors.js';
import { explainPlatformFailure } from '../checks.js';
import type { EndpointReport } from './probe-report.js';

/** An answer the client cannot read; the message describes its shape, never its values. */
export class ShapeProblem extends Error {
  override readonly name = 'ShapeProblem';
}

export type Attempt<T> =
  | { status: 'read'; value: T }
  | { status: 'failed'; problem: string }
  | { status: 'skipped'; reason: string };

/** The longest a 429's Retry-After is waited out before the probe gives up, in milliseconds. */
const MAX_RETRY_AFTER_MS = 15_000;

export interface Attempts {
  attempt<T>(read: () => Promise<T>): Promise<Attempt<T>>;
}

export function createAttempts(platform: string): Attempts {
  let stopped = false;
  return {
    async attempt(read) {
      if (stopped)
        return { status: 'skipped', reason: `not asked: an earlier ${platform} request failed` };
      try {
        return { status: 'read', value: await afterRateLimit(read) };
      } catch (error) {
        if (stopsPlatform(error)) stopped = true;
        return { status: 'failed', problem: failureProblem(error) };
      }
    },
  };
}

async function afterRateLimit<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const wait =
      isPlatformError(error) && error.code === 'RATE_LIMITED' ? error.retryAfterMs : undefined;
    if (wait === undefined || wait > MAX_RETRY_AFTER_MS) throw error;
    await new Promise((resolve) => setTimeout(resolve, wait));
    return read();
  }
}

function stopsPlatform(error: unknown): boolean {
  return (
    isPlatformError(error) &&
    (error.code === 'AUTH' || error.code === 'TRANSIENT' || error.code === 'RATE_LIMITED')
  );
}

/**
 * The words for a failure: a shape as described, a platform failure as `doctor` explains it. An
 * unreadable body is named by what it was not (JSON, the envelope), without the excerpt the
 * client's error carries, which holds the platform's values.
 */
export function failureProblem(error: unknown): string {
  if (error instanceof ShapeProblem) return error.message;
  if (isPlatformError(error) && error.code === 'PROTOCOL' && error.excerpt !== undefined) {
    const what = /answer was (not JSON|not an? \w+ envelope)/.exec(error.message)?.[1];
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    return what ? `the answer was ${what}${status}` : `unexpected answer${status}`;
  }
  return explainPlatformFailure(error);
}

export type EndpointFindings = Omit<EndpointReport, 'endpoint' | 'ok'>;

/** The report of `endpoint` from its attempt and, when read, what was found in it. */
export function reportOf<T>(
  endpoint: string,
  attempt: Attempt<T>,
  findings: (value: T) => EndpointFindings,
): EndpointReport {
  const blank = { variant: {}, unexpected: [], emptyMapped: [] };
  switch (attempt.status) {
    case 'failed':
      return { endpoint, ok: false, ...blank, problem: attempt.problem };
    case 'skipped':
      return { endpoint, ok: true, ...blank, skipped: attempt.reason };
    case 'read':
      return { endpoint, ok: true, ...findings(attempt.value) };
  }
}

/** A skipped endpoint's report: nothing to ask it about. */
export function skippedReport(endpoint: string, reason: string): EndpointReport {
  return { endpoint, ok: true, variant: {}, unexpected: [], emptyMapped: [], skipped: reason };
}
