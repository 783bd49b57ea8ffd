// `reconcile` without --json: a table of outcomes per kind, then one line per item that is not
// unchanged (the exact plan, in a dry run). Pure text builders.
import type { EntityKind } from '../../vocabulary/index.js';
import {
  RECONCILE_ACTIONS,
  type ReconcileAction,
  type ReconcileItem,
  type RunSummary,
} from '../../sync/reconcile/types.js';

export type CountsByKind = Map<EntityKind, Record<ReconcileAction, number>>;

export function tally(counts: CountsByKind, item: ReconcileItem): void {
  const row =
    counts.get(item.entity) ??
    (Object.fromEntries(RECONCILE_ACTIONS.map((action) => [action, 0])) as Record<
      ReconcileAction,
      number
    >);
  row[item.action] += 1;
  counts.set(item.entity, row);
}

export function formatSummaryTable(summary: RunSummary, counts: CountsByKind): string[] {
  const header = ['entity', ...RECONCILE_ACTIONS];
  const rows = [...counts.entries()].map(([kind, row]) => [
    kind,
    ...RECONCILE_ACTIONS.map((action) => String(row[action])),
  ]);
  const total = [
    'total',
    ...RECONCILE_ACTIONS.map((action) =>
      String([...counts.values()].reduce((sum, row) => sum + row[action], 0)),
    ),
  ];
  const table = [header, ...rows, total];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  const seconds = summary.finishedAt
    ? ((Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000).toFixed(1)
    : '?';
  return [
    `reconcile ${summary.route} (${summary.entity})${summary.dryRun ? ' — dry run, nothing written' : ''}`,
    `run ${summary.runId}: ${summary.status}, ${summary.writes} writes, ${seconds} s`,
    ...(summary.error === undefined ? [] : [`stopped early: ${summary.error}`]),
    '',
    line(header),
    ...rows.map(line),
    line(total),
  ];
}

/** `update  offer:400 -> offer:504  payout: "4.50" -> "5.00"` */
export function formatItemLine(item: ReconcileItem): string {
  const target = item.targetId === undefined ? '' : ` -> ${item.targetId}`;
  const changes = Object.entries(item.changes).map(
    ([field, change]) => `${field}: ${show(change.from)} -> ${show(change.to)}`,
  );
  const detail = [
    ...changes,
    ...(item.reason === undefined ? [] : [item.reason]),
    ...item.warnings.map((w) => `warning: ${w}`),
  ];
  return `${item.action.padEnd(7)} ${item.sourceId}${target}${detail.length > 0 ? `  ${detail.join('; ')}` : ''}`;
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
