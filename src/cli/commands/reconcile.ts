// `offer-sync reconcile --from <connection> --to <connection> [--entity ...] [--dry-run] [--json]`:
// a full reconciliation of one configured route in the foreground, through the same queues and
// sync code as the service. Without a config file the connections are named after their
// platforms, so `--from offerit --to offerslook` reads as before. Exit codes are a contract: 0 nothing failed, 1 an item failed (or the run stopped
// early), 2 usage or configuration error. With --json, stdout carries exactly one JSON object.
import { Option, type Command } from 'commander';
import { ConfigError, unknownConnection, type Config } from '../../config/index.js';
import { createProcessLogger } from '../../log/logger.js';
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
import { openApp, type App } from '../../app/app.js';
import { createReconcilers } from '../../app/reconcilers.js';
import type { RouteReconcile } from '../../queue/workers/index.js';
import { runReconcile } from '../../sync/reconcile/index.js';
import { configOrExit } from '../config-or-exit.js';
import { EXIT, type CommandRegistrar } from '../program.js';

export interface ReconcileCommandOptions {
  /** Connection names. */
  from: string;
  to: string;
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
  const config = configOrExit();
  const problem = unreconcilable(config, options.from, options.to);
  if (problem) {
    err(`reconcile: ${problem}`);
    return EXIT.USAGE;
  }
  // Logs go to stderr: stdout is the report (JSON or the table).
  const logger = createProcessLogger({ level: config.logLevel, format: config.logFormat, fd: 2 });
  let app: App | undefined;
  let route: RouteReconcile | undefined;
  try {
    app = await openApp(config, logger);
    // A live run syncs through the target's queue; its own worker there makes sure it finishes
    // whether or not `offer-sync worker` processes run.
    route = await createReconcilers(app, { worker: options.dryRun !== true })(
      options.from,
      options.to,
    );
    if (!route) throw new Error(`no route from ${options.from} to ${options.to}`);
  } catch (error) {
    await app?.close();
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
        from: route.from,
        to: route.to,
        entity: options.entity,
        dryRun: options.dryRun === true,
      },
      route.deps,
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
    await app.close();
  }
}

/** Why `from` -> `to` cannot be reconciled under `config`, or undefined when it is a route. */
function unreconcilable(config: Config, from: string, to: string): string | undefined {
  if (config.routes.some((route) => route.source === from && route.target === to)) return undefined;
  const unknown = [from, to].filter((name) => !config.connections[name]);
  if (unknown.length > 0) {
    return unknown.map((name) => `config error: ${unknownConnection(config, name)}`).join('; ');
  }
  const [source, target] = [config.connections[from]!, config.connections[to]!];
  if (source.platform === target.platform) {
    return `--from and --to must be different platforms (got ${from} and ${to}, both ${source.platform})`;
  }
  const routes = config.routes.map((route) => route.name).join(', ') || 'none';
  return `no route from ${from} to ${to} is configured (routes: ${routes})`;
}

export const registerReconcileCommand: CommandRegistrar = (program: Command) => {
  program
    .command('reconcile')
    .description(
      'Compare every offer, goal and commission of one connection with its twin on the other, and sync what differs.',
    )
    .requiredOption('--from <connection>', 'the source connection (offerit without a config file)')
    .requiredOption('--to <connection>', 'the target connection (offerslook without a config file)')
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
