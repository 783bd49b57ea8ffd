// `offer-sync status <ref> [--json] [--no-check]` and `offer-sync history <ref> [--json]`: what
// offer-sync knows about one entity (its twins, last sync, last error, conflict, lock, approval,
// lossy fields, and whether the stored hashes match both sides now), and every write it made to
// the entity's twins and to the entity itself.
import type { Command } from 'commander';
import type { App } from '../../app/app.js';
import { explainDepsOf } from '../../app/explainer.js';
import {
  entityHistory,
  explainEntity,
  type EntityHistory,
  type EntityStatus,
} from '../../sync/explain/index.js';
import { refArgument } from '../entity-ref-arg.js';
import { EXIT, type CommandRegistrar } from '../program.js';
import { withApp } from '../with-app.js';

export interface StatusIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function runStatus(
  app: App,
  text: string,
  options: { json: boolean; check: boolean },
  io: StatusIo,
): Promise<number> {
  const ref = refArgument(app.config, text);
  if (typeof ref === 'string') {
    io.err(`status: ${ref}`);
    return EXIT.USAGE;
  }
  const { known, ...status } = await explainEntity(ref, explainDepsOf(app), {
    check: options.check,
  });
  if (options.json) io.out(JSON.stringify(status, null, 2));
  else for (const line of describeStatus(status)) io.out(line);
  if (!known) {
    io.err(`status: offer-sync knows nothing of ${status.ref} and the platform does not have it`);
    return EXIT.FAILED;
  }
  return EXIT.OK;
}

export function describeStatus(status: EntityStatus): string[] {
  const lines = [status.ref];
  if (status.twins.length === 0) lines.push('  twin: none');
  for (const twin of status.twins) {
    const match =
      twin.hashes.match === null
        ? 'not checked'
        : twin.hashes.match
          ? 'hashes match both sides'
          : `hashes differ (${[twin.hashes.entity, twin.hashes.twin]
              .filter((side) => side.match === false)
              .map((side) =>
                side.exists === false
                  ? `${side.ref} is gone`
                  : side.unconfirmed
                    ? `${side.ref} unconfirmed since the last write`
                    : `${side.ref} changed since the last sync`,
              )
              .join('; ')})`;
    lines.push(`  twin: ${twin.ref} (${twin.routes.join(', ')}): ${match}`);
  }
  const last = status.lastSync;
  lines.push(
    last
      ? `  last sync: ${last.at} ${last.action} along ${last.route}, ${last.writes} writes, job ${last.jobId ?? '-'}${last.reason ? ` (${last.reason})` : ''}`
      : '  last sync: none recorded',
  );
  const error = status.lastError;
  if (error)
    lines.push(
      `  last error: ${error.at} ${error.code} along ${error.route}, attempt ${error.attempts}${error.final ? ' (failed for good)' : ''}: ${error.message}`,
    );
  if (status.conflict)
    lines.push(
      `  conflict: ${status.conflict.id} on ${Object.keys(status.conflict.fields).join(', ')} (offer-sync conflicts resolve ${status.conflict.id} --keep <side>)`,
    );
  if (status.locked)
    lines.push(
      `  locked: since ${status.locked.at}${status.locked.reason ? `: ${status.locked.reason}` : ''}`,
    );
  if (status.pending)
    lines.push(
      `  pending approval since ${status.pending.firstSeen} on ${status.pending.routes.join(', ')} (offer-sync approve ${status.ref})`,
    );
  if (status.rejected) lines.push(`  rejected: ${status.rejected.at}`);
  if (status.lossy.length > 0) lines.push(`  lossy: ${status.lossy.join('; ')}`);
  return lines;
}

export async function runHistory(
  app: App,
  text: string,
  options: { json: boolean },
  io: StatusIo,
): Promise<number> {
  const ref = refArgument(app.config, text);
  if (typeof ref === 'string') {
    io.err(`history: ${ref}`);
    return EXIT.USAGE;
  }
  const history = await entityHistory(ref, explainDepsOf(app));
  if (options.json) io.out(JSON.stringify(history, null, 2));
  else for (const line of describeHistory(history)) io.out(line);
  return EXIT.OK;
}

export function describeHistory(history: EntityHistory): string[] {
  if (history.entries.length === 0) return [`no writes recorded for ${history.ref}`];
  const show = (value: unknown) => (value === null ? '(none)' : JSON.stringify(value));
  return history.entries.flatMap((entry) => [
    `${entry.at}  ${entry.action} ${entry.target} along ${entry.route}  ${entry.runId ? `run ${entry.runId}` : `job ${entry.jobId ?? '-'}`}`,
    ...Object.entries(entry.changes).map(
      ([field, change]) => `    ${field}: ${show(change.from)} -> ${show(change.to)}`,
    ),
  ]);
}

const stdio: StatusIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export const registerStatusCommands: CommandRegistrar = (program: Command) => {
  program
    .command('status')
    .description(
      'explain one entity: twins, last sync, last error, conflict, lock, approval, lossy fields',
    )
    .argument('<ref>', '<connection>:<entity>:<id>, e.g. offerit:offer:400')
    .option('--json', 'print one JSON object')
    .option('--no-check', 'do not read the platforms to compare the stored hashes')
    .action(async (text: string, options: { json?: boolean; check: boolean }) => {
      process.exitCode = await withApp((app) =>
        runStatus(app, text, { json: options.json === true, check: options.check }, stdio),
      );
    });
  program
    .command('history')
    .description("every write offer-sync made to an entity's twins and to the entity, newest first")
    .argument('<ref>', '<connection>:<entity>:<id>')
    .option('--json', 'print one JSON object')
    .action(async (text: string, options: { json?: boolean }) => {
      process.exitCode = await withApp((app) =>
        runHistory(app, text, { json: options.json === true }, stdio),
      );
    });
};
