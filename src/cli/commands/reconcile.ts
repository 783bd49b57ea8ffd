// `offer-sync reconcile --from <platform> --to <platform> [--entity ...] [--dry-run] [--json]`:
// a full reconciliation in the foreground, through the same queues and sync code as the
// service. Exit codes are a contract: 0 nothing failed, 1 an item failed (or the run stopped
// early), 2 usage or configuration error. With --json, stdout carries exactly one JSON object.
import { Option, type Command } from 'commander';
import { pino } from 'pino';
import { ConfigError } from '../../config/index.js';
import { PLATFORMS, type PlatformName } from '../../vocabulary/index.js';
import { createLogger } from '../../log/logger.js';
import { MappingLoadError } from '../../mapping/index.js';
import { RECONCILE_ENTITIES, type ReconcileEntity } from '../../vocabulary/index.js';
import {
  createProgressLine,
  formatItemLine,
  formatSummaryTable,
  ItemSpool,
  tally,
  writeJsonReport,
  type CountsByKind,
} from '../reconcile-output/index.js';
import { openReconcileRuntime } from '../../app/reconcile-runtime.js';
import { runReconcile } from '../../sync/reconcile/index.js';
import { otherPlatform } from '../../vocabulary/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export interface ReconcileCommandOptions {
  from: PlatformName;
  to: PlatformName;
  entity: ReconcileEntity;
  dryRun?: boolean;
  json?: boolean;
}

/** Writes to stdout; once a reader has gone away (`| head`, EPIPE), the rest is dropped quietly. */
let stdoutGone = false;
const out = (text: string): Promise<void> =>
  stdoutGone
    ? Promise.resolve()
    : new Promise((resolve) =>
        process.stdout.write(text, (error) => {
          if (error) stdoutGone = true;
          resolve();
        }),
      );
const err = (line: string): void => void process.stderr.write(`${line}\n`);

export async function runReconcileCommand(options: ReconcileCommandOptions): Promise<number> {
  if (options.to !== otherPlatform(options.from)) {
    err(
      `reconcile: --from and --to must be different platforms (got ${options.from} and ${options.to})`,
    );
    return EXIT.USAGE;
  }
  const config = configOrExit();
  // Logs go to stderr: stdout is the report (JSON or the table).
  const logger = createLogger({ level: config.logLevel }, pino.destination(2));
  let runtime;
  try {
    // A dry run never touches the queues: no worker, no queue events.
    runtime = await openReconcileRuntime(config, logger, {
      targets: options.dryRun ? [] : [options.to],
      worker: options.dryRun !== true,
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) err(`config error: ${problem}`);
      return EXIT.USAGE;
    }
    if (error instanceof MappingLoadError || (error as { code?: unknown }).code === 'CONFIG') {
      err(`config error: ${(error as Error).message}`);
      return EXIT.USAGE;
    }
    err(`reconcile: cannot start: ${(error as Error).message}`);
    return EXIT.FAILED;
  }
  process.stdout.on('error', () => {
    stdoutGone = true;
  });
  const abort = new AbortController();
  const stop = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const spool = await ItemSpool.open();
  const progress = createProgressLine(process.stderr);
  const counts: CountsByKind = new Map();
  try {
    const report = await runReconcile(
      {
        from: options.from,
        to: options.to,
        entity: options.entity,
        dryRun: options.dryRun === true,
      },
      runtime.deps,
      {
        signal: abort.signal,
        onItem: async (item) => {
          tally(counts, item);
          await spool.append(item);
        },
        onProgress: options.json ? undefined : (update) => progress.update(update),
      },
    );
    progress.stop();
    if (options.json) {
      await writeJsonReport(out, report, spool.read());
    } else {
      for (const line of formatSummaryTable(report, counts)) await out(`${line}\n`);
      let listed = false;
      for await (const item of spool.read()) {
        if (item.action === 'unchanged') continue;
        if (!listed) await out('\n');
        listed = true;
        await out(`${formatItemLine(item)}\n`);
      }
    }
    if (report.status === 'aborted') return EXIT.FAILED;
    return report.failed > 0 ? EXIT.FAILED : EXIT.OK;
  } finally {
    progress.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await spool.dispose();
    await runtime.close();
  }
}

export const registerReconcileCommand: CommandRegistrar = (program: Command) => {
  program
    .command('reconcile')
    .description(
      'Compare every offer, goal and commission of one platform with its twin on the other, and sync what differs.',
    )
    .addOption(
      new Option('--from <platform>', 'the source platform')
        .choices([...PLATFORMS])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--to <platform>', 'the target platform')
        .choices([...PLATFORMS])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--entity <entity>', 'what to reconcile')
        .choices([...RECONCILE_ENTITIES])
        .default('all'),
    )
    .option('--dry-run', 'plan and print, write nothing to either platform (only GET requests)')
    .option('--json', 'print one JSON object instead of the table')
    .action(async (options: ReconcileCommandOptions) => {
      process.exitCode = await runReconcileCommand(options);
    });
};
