// What a sync job tells the operator besides its return value: one `job.log` line for the action
// and one per changed field (Bull Board shows them as the job's log, so the dashboard shows the
// diff), and, when an attempt fails, the entity's last error with the platform's own message.
import type { Job } from 'bullmq';
import { isPlatformError } from '../../platforms/errors.js';
import type { SyncOperator, SyncResult } from '../../sync/run/index.js';
import type { EntityKey, PlatformName } from '../../vocabulary/index.js';
import { classifyFailure } from '../retry/classify-failure.js';

/** `update offerit:offer:400 -> offerslook:offer:900 along offerit->offerslook (1 write)` and `payout: "4.50" -> "5.00"`. */
export function jobLogLines(result: SyncResult, operator: SyncOperator | undefined): string[] {
  const name = (platform: PlatformName, id: string) =>
    `${operator?.connections[platform] ?? platform}:${id}`;
  const target = result.targetId === undefined ? '' : ` -> ${name(result.target, result.targetId)}`;
  const route = operator?.route ?? result.route;
  const writes = `${result.writes} write${result.writes === 1 ? '' : 's'}`;
  const why = result.reason === undefined ? '' : `: ${result.reason}`;
  const head = `${result.action} ${name(result.source, result.sourceId)}${target} along ${route} (${writes})${why}`;
  const show = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));
  const fields = Object.entries(result.changes).map(
    ([field, change]) => `${field}: ${show(change.from)} -> ${show(change.to)}`,
  );
  return [head, ...fields];
}

export async function writeJobLog(job: Job, lines: readonly string[]): Promise<void> {
  // A log line is a courtesy for the dashboard: failing to write one must not fail the sync.
  for (const line of lines) await job.log(line).catch(() => undefined);
}

/** Records the failed attempt as the source entity's last error (never throws). */
export async function recordLastError(
  operator: SyncOperator | undefined,
  source: PlatformName,
  key: EntityKey,
  job: Job,
  error: unknown,
  at: Date,
): Promise<void> {
  if (!operator) return;
  const failure = classifyFailure(error);
  const attempts = job.attemptsMade + 1;
  const final =
    failure.action === 'permanent' ||
    (failure.action === 'backoff' && attempts >= (job.opts.attempts ?? 1));
  await operator.history
    .setLastError(operator.connections[source], key, {
      at: at.toISOString(),
      route: operator.route,
      jobId: job.id ?? null,
      code: failure.code,
      message: failure.reason,
      platformMessage: isPlatformError(error) ? (error.platformMessage ?? null) : null,
      attempts,
      final,
    })
    .catch(() => undefined);
}
