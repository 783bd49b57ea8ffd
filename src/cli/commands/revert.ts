// `offer-sync revert <run-id> [--dry-run] [--json]`: writes back the values a reconcile run
// replaced on its target, field by field, where the target still holds what the run wrote. It
// plans first (GET requests only) and prints the plan, then writes unless --dry-run. Exit codes:
// 0 every field restored (or already back), 1 a field refused or an entity failed, 2 usage
// (no such run, a dry run, a route no longer configured) or configuration error.
import type { Command } from 'commander';
import { pino } from 'pino';
import { openApp, type App } from '../../app/app.js';
import { createLogger } from '../../log/logger.js';
import {
  executeRevert,
  planRevert,
  RevertRefusedError,
  type EntityRevert,
  type RevertDeps,
  type RevertReport,
} from '../../sync/revert/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export interface RevertCommandOptions {
  dryRun?: boolean;
  json?: boolean;
}

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/** The lines of one entity: its outcome, then a line per field. */
export function formatEntity(entity: EntityRevert): string[] {
  const head = `${entity.outcome.padEnd(8)} ${entity.entity} ${entity.sourceId} -> ${entity.targetId}`;
  const lines = [entity.reason === undefined ? head : `${head}  ${entity.reason}`];
  for (const field of entity.fields) {
    const what =
      field.verdict === 'restore'
        ? `${show(field.to)} -> ${show(field.from)}`
        : field.verdict === 'already'
          ? `already ${show(field.from)}`
          : `refused: ${field.reason ?? ''}`;
    lines.push(`  ${field.field}: ${what}`);
  }
  return lines;
}

export function formatRevertSummary(report: RevertReport): string {
  return (
    `revert of run ${report.runId} (${report.route}) on ${report.target}${report.dryRun ? ' [dry run]' : ''}: ` +
    `${report.restored} restored, ${report.refused} refused, ${report.already} already back, ` +
    `${report.failed} failed, ${report.skipped} skipped, ${report.writes} writes`
  );
}

export function revertDeps(app: App): RevertDeps {
  return {
    runs: app.runs,
    route(name) {
      const route = app.routes.find((candidate) => candidate.config.name === name);
      return (
        route && {
          from: route.source.platform,
          to: route.target.platform,
          target: route.target.name,
          sync: route.sync,
        }
      );
    },
  };
}

export async function runRevertCommand(
  runId: string,
  options: RevertCommandOptions,
  out: (line: string) => void = (line) => void process.stdout.write(`${line}\n`),
  err: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
): Promise<number> {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel }, pino.destination(2));
  let app: App | undefined;
  try {
    app = await openApp(config, logger);
    const plan = await planRevert(runId, revertDeps(app));
    if (!options.json) {
      out(`plan: ${formatRevertSummary(plan.report)}`);
      if (plan.report.warning) out(`warning: ${plan.report.warning}`);
      for (const entity of plan.report.entities) for (const line of formatEntity(entity)) out(line);
    }
    const report = options.dryRun ? plan.report : await executeRevert(plan, app.now);
    if (options.json) out(JSON.stringify(report, null, 2));
    else if (!options.dryRun) {
      out('');
      for (const entity of report.entities)
        if (entity.outcome === 'failed') for (const line of formatEntity(entity)) out(line);
      out(formatRevertSummary(report));
    }
    return report.refused > 0 || report.failed > 0 ? EXIT.FAILED : EXIT.OK;
  } catch (error) {
    if (error instanceof RevertRefusedError) {
      err(`revert: ${error.message}`);
      return EXIT.USAGE;
    }
    err(`revert: ${(error as Error).message}`);
    return EXIT.FAILED;
  } finally {
    await app?.close();
  }
}

export const registerRevertCommand: CommandRegistrar = (program: Command) => {
  program
    .command('revert <run-id>')
    .description(
      'Write back the values a reconcile run replaced on its target, where the target still holds what the run wrote.',
    )
    .option('--dry-run', 'plan and print, write nothing (only GET requests)')
    .option('--json', 'print one JSON object instead of the lines')
    .action(async (runId: string, options: RevertCommandOptions) => {
      process.exitCode = await runRevertCommand(runId, options);
    });
};
