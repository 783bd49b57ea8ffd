// A full reconciliation from one platform to the other: for each kind, parents first, stream the
// source and sync what differs, then apply the vanish policy to twins whose source is gone.
// The same function serves `offer-sync reconcile` and the pipeline's scheduled reconcile jobs.
import { runAsClass } from '../../platforms/request-class.js';
import { otherPlatform, parseEntityKey } from '../../vocabulary/index.js';
import { createDryRunExecutor } from './dry-run-executor.js';
import { newRunId } from '../../store/runs/run-id.js';
import { heartbeatEvery } from '../../store/runs/run-store.js';
import { RetiredTwins } from '../../store/reconcile/retired-twins.js';
import { RunSets } from '../../store/reconcile/run-sets.js';
import { kindsOf, routeLabel, type ReconcileReport, type ReconcileRequest } from './types.js';
import type { ReconcileDeps, ReconcileOptions } from './reconcile-deps.js';
import { ReportBuilder } from './report-builder.js';
import type { EmitOptions, StreamContext } from './stream-context.js';
import { streamKind } from './stream-kind.js';
import { DEFAULT_VANISH_GUARD, handleVanished } from './vanish.js';
import { recordRunWrite } from './record-run-write.js';

export async function runReconcile(
  request: ReconcileRequest,
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const { from, to, dryRun } = request;
  if (to !== otherPlatform(from))
    throw new RangeError(`reconcile: --to must be the other platform than ${from}`);
  const now = deps.sync.now;
  const startedAt = now();
  const runId = options.runId ?? newRunId(startedAt);
  const builder = new ReportBuilder(
    {
      runId,
      ...(options.jobId === undefined ? {} : { jobId: options.jobId }),
      route: deps.routeName ?? routeLabel(from, to),
      entity: request.entity,
      dryRun,
      reason: request.reason ?? 'cli',
      startedAt,
    },
    options.itemCap,
  );
  const sets = new RunSets(deps.redis, { prefix: deps.prefix, runId });
  const retired = new RetiredTwins(deps.redis, deps.prefix);
  // A dry run never goes near the queues: it plans in-process and writes nothing.
  const executor = dryRun ? createDryRunExecutor(deps.sync) : deps.liveExecutor;
  const log = deps.logger?.child({ component: 'reconcile', runId, from, to, dryRun });
  const interrupted = (await deps.runs?.start(builder.summary('running'))) ?? [];
  if (interrupted.length > 0)
    log?.warn({ interrupted }, 'earlier runs of this route were interrupted');
  log?.info({ entity: request.entity }, 'reconcile started');
  // The lease says this process is still running the run; a crash lets it lapse.
  const runs = deps.runs;
  const beat =
    runs &&
    setInterval(() => {
      runs
        .heartbeat(runId)
        .catch((error: unknown) => log?.warn({ err: error }, 'run heartbeat failed'));
    }, heartbeatEvery(runs.leaseMs));
  beat?.unref();

  let done = 0;
  let error: string | undefined;
  let errorCode: string | undefined;
  try {
    for (const kind of kindsOf(request.entity)) {
      const routeName = deps.sync.mappings.route(from, kind)?.name ?? `${from}.${kind}`;
      let phase: 'stream' | 'vanished' = 'stream';
      const context: StreamContext = {
        from,
        to,
        kind,
        dryRun,
        startedAtMs: startedAt.getTime(),
        pageSize: options.pageSize ?? 100,
        window: options.window ?? (dryRun ? 16 : 200),
        deps,
        sets,
        retired,
        executor,
        signal: options.signal,
        vanishGuard: options.vanishGuard ?? DEFAULT_VANISH_GUARD,
        async emit(item, emitted: EmitOptions = {}) {
          const writes = emitted.writes ?? 0;
          builder.add(item, writes);
          // A permanent failure the run found itself becomes a dead letter (a dry run keeps none).
          const key = parseEntityKey(item.sourceId);
          if (!dryRun && item.action === 'fail' && item.code !== undefined && key) {
            await deps.failures?.record({
              runId,
              kind,
              key,
              code: item.code,
              reason: item.reason ?? item.code,
              at: now(),
            });
          }
          // A failed pause or reactivation is emitted as `fail`: only writes made are recorded.
          if (!dryRun)
            await recordRunWrite(deps.sync.operator, item, { runId, from, to, at: now() });
          if (emitted.drift) deps.metrics?.countDrift(routeName, 1);
          if (writes > 0) deps.metrics?.countReconcileWrites(routeName, writes);
          done += 1;
          await options.onItem?.(item);
          options.onProgress?.({ runId, kind, phase, done, counts: builder.counts });
        },
      };
      await runAsClass('reconcile', () => streamKind(context));
      // Only a stream that ran to its end proves which sources are gone.
      phase = 'vanished';
      await runAsClass('reconcile', () => handleVanished(context));
    }
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
    const code = (cause as { code?: unknown } | null)?.code;
    if (typeof code === 'string') errorCode = code;
    log?.error({ err: cause }, 'reconcile stopped early');
  } finally {
    clearInterval(beat);
    await sets.clear().catch(() => undefined);
  }
  const report = builder.report(error === undefined ? 'done' : 'aborted', now(), error, errorCode);
  await deps.runs?.finish(report);
  log?.info(
    { ...builder.summary(report.status), items: undefined },
    error === undefined ? 'reconcile finished' : 'reconcile aborted',
  );
  return report;
}
