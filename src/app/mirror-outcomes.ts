// What the demo prints once its first mirror is done: one line per outcome that needs a person
// (an item that failed, a skip someone must act on, a field that could not be carried over, a
// conflict, a dead letter), each with its reason and the console page where to look, then a
// summary. Pure: the caller gathers the reports, conflicts and dead letters.
import { entityKeyOf, syncJobDataSchema, type DeadLetterEntry } from '../queue/index.js';
import type { Conflict } from '../store/index.js';
import type { ReconcileItem, ReconcileReport, RunSummary } from '../sync/reconcile/types.js';
import { formatEntityKey } from '../vocabulary/index.js';

export interface MirrorOutcomes {
  /** The first mirror's runs, one per route (summaries when a run stopped before its report). */
  runs: (ReconcileReport | RunSummary)[];
  /** Routes whose reconcile job ended without a run report (it failed before starting one). */
  missing: { route: string; reason: string }[];
  conflicts: { pair: string; conflict: Conflict }[];
  deadLetters: DeadLetterEntry[];
  /** `http://127.0.0.1:3000`: the console's pages are under `<base>/console/`. */
  baseUrl: string;
}

/** Why a skip needs nobody: the entity went away, or the conflict line covers it. */
function skipNeedsNobody(item: ReconcileItem): boolean {
  const reason = item.reason ?? '';
  return reason === 'the source entity no longer exists' || reason.startsWith('conflict ');
}

/** `offerit:offer:400`, the form `offer-sync sync` takes. */
function ref(connection: string, sourceId: string): string {
  return `${connection}:${sourceId}`;
}

/** The dead letter of a failed item, if its job landed in one. */
function letterOf(
  letters: DeadLetterEntry[],
  source: string,
  target: string,
  sourceId: string,
): DeadLetterEntry | undefined {
  return letters.find((letter) => {
    const payload = syncJobDataSchema.safeParse(letter.payload);
    return (
      payload.success &&
      payload.data.source === source &&
      letter.connection === target &&
      formatEntityKey(entityKeyOf(payload.data)) === sourceId
    );
  });
}

export function formatMirrorOutcomes(outcomes: MirrorOutcomes): string[] {
  const consoleUrl = `${outcomes.baseUrl}/console`;
  const lines: string[] = [];
  const explained = new Set<string>();
  for (const missing of outcomes.missing) {
    lines.push(
      `FAIL     ${missing.route}: the reconciliation did not run: ${missing.reason} -> ${outcomes.baseUrl}/admin/queues`,
    );
  }
  for (const run of outcomes.runs) {
    const [source = '', target = ''] = run.route.split('->');
    const runUrl = `${consoleUrl}/runs/${run.runId}`;
    if (run.status === 'aborted') {
      lines.push(
        `FAIL     ${run.route}: the run stopped early: ${run.error ?? 'unknown'} -> ${runUrl}`,
      );
    }
    const items = 'items' in run ? run.items : [];
    const lossy = new Map<string, string[]>();
    for (const item of items) {
      const where = ref(source, item.sourceId);
      if (item.action === 'fail') {
        const letter = letterOf(outcomes.deadLetters, source, target, item.sourceId);
        if (letter) explained.add(letter.id);
        lines.push(
          letter
            ? `FAIL     ${run.route} ${where}: ${item.reason ?? 'unknown'} (dead letter ${letter.id}: fix, then offer-sync dlq replay ${letter.id}) -> ${consoleUrl}/dead-letters`
            : `FAIL     ${run.route} ${where}: ${item.reason ?? 'unknown'} -> ${runUrl}`,
        );
      } else if (item.action === 'skip' && !skipNeedsNobody(item)) {
        lines.push(
          `SKIPPED  ${run.route} ${where}: ${item.reason ?? 'no reason given'} -> ${runUrl}`,
        );
      }
      for (const warning of item.warnings) {
        if (warning.startsWith('conflict ')) continue;
        lossy.set(warning, [...(lossy.get(warning) ?? []), item.sourceId]);
      }
    }
    // A field lost the same way on many entities is one thing to decide, so one line.
    for (const [warning, ids] of lossy) {
      const shown =
        ids.length > 4
          ? `${ids.slice(0, 4).join(', ')} and ${ids.length - 4} more`
          : ids.join(', ');
      const label = warning.startsWith('lossy ') ? 'LOSSY' : 'NOTE';
      const text = warning.replace(/^lossy /, '');
      lines.push(`${label.padEnd(8)} ${run.route} ${text} (${ids.length}: ${shown}) -> ${runUrl}`);
    }
  }
  for (const { pair, conflict } of outcomes.conflicts) {
    lines.push(
      `CONFLICT ${pair} ${conflict.kind} offerit ${formatEntityKey(conflict.offerit)} / offerslook ${formatEntityKey(conflict.offerslook)}: ${Object.keys(conflict.fields).join(', ')} changed on both sides (offer-sync conflicts resolve ${conflict.id} --keep <side>) -> ${consoleUrl}/conflicts`,
    );
  }
  for (const letter of outcomes.deadLetters) {
    if (explained.has(letter.id)) continue;
    lines.push(
      `DEAD     ${letter.queue} job ${letter.jobId}: ${letter.reason} (offer-sync dlq replay ${letter.id} after the fix) -> ${consoleUrl}/dead-letters`,
    );
  }
  const totals = outcomes.runs
    .map(
      (run) =>
        `${run.route} ${run.created} created, ${run.updated} updated, ${run.unchanged} unchanged, ${run.skipped} skipped, ${run.failed} failed`,
    )
    .join('; ');
  const header = `first mirror done: ${totals || 'no run finished'}`;
  if (lines.length === 0) return [header, 'nothing needs a person: every entity is mirrored'];
  return [
    header,
    `${lines.length} ${lines.length === 1 ? 'outcome needs' : 'outcomes need'} a person:`,
    ...lines,
  ];
}
