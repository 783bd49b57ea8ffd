// `reconcile --json`: one JSON object on stdout. Counts come first and items last, streamed one
// by one, so a run over a large network prints without building the whole text in memory.
import type { ReconcileItem, RunSummary } from '../../sync/reconcile/types.js';

/** An item in the output's shape: `targetId` and each change's `from`/`to` always present (null when none). */
export function outputItem(item: ReconcileItem): Record<string, unknown> {
  return {
    entity: item.entity,
    sourceId: item.sourceId,
    targetId: item.targetId ?? null,
    action: item.action,
    changes: Object.fromEntries(
      Object.entries(item.changes).map(([field, change]) => [
        field,
        { from: change.from ?? null, to: change.to ?? null },
      ]),
    ),
    warnings: item.warnings,
    ...(item.reason === undefined ? {} : { reason: item.reason }),
  };
}

export async function writeJsonReport(
  write: (text: string) => void | Promise<void>,
  summary: RunSummary,
  items: AsyncIterable<ReconcileItem>,
): Promise<void> {
  const head = {
    route: summary.route,
    dryRun: summary.dryRun,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    skipped: summary.skipped,
    failed: summary.failed,
    paused: summary.paused,
    pending: summary.pending,
    reactivated: summary.reactivated ?? 0,
    runId: summary.runId,
    entity: summary.entity,
    status: summary.status,
    writes: summary.writes,
    startedAt: summary.startedAt,
    finishedAt: summary.finishedAt ?? null,
    ...(summary.error === undefined ? {} : { error: summary.error }),
  };
  const opening = JSON.stringify(head);
  await write(`${opening.slice(0, -1)},"items":[`);
  let first = true;
  for await (const item of items) {
    await write(`${first ? '' : ','}\n${JSON.stringify(outputItem(item))}`);
    first = false;
  }
  await write(`${first ? '' : '\n'}]}\n`);
}
