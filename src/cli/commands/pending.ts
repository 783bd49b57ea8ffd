// `offer-sync pending list [--connection c] [--json]`, `offer-sync approve <ref>|--all
// [--connection c]` and `offer-sync reject <ref>`: the new offers routes with `approve_new` hold
// back. Approving marks the offer approved and enqueues its sync along every route out of its
// connection (as `offer-sync sync` does), which creates the twin; rejecting makes later syncs
// skip it (`rejected`) until it is approved.
import type { Command } from 'commander';
import type { App } from '../../app/app.js';
import { approveOffer, listPending, notAnOffer, rejectOffer } from '../../app/operator-actions.js';
import { formatEntityKey, type EntityRef } from '../../vocabulary/index.js';
import { unknownConnection } from '../../config/index.js';
import { refArgument } from '../entity-ref-arg.js';
import { EXIT, type CommandRegistrar } from '../program.js';
import { withApp } from '../with-app.js';
import type { StatusIo } from './status.js';

/** The connections a listing or `--all` covers: one, or every configured one. */
function connectionsOf(app: App, connection: string | undefined): string[] | string {
  if (connection === undefined) return Object.keys(app.config.connections);
  return app.config.connections[connection]
    ? [connection]
    : unknownConnection(app.config, connection);
}

export async function runPendingList(
  app: App,
  options: { connection?: string; json: boolean },
  io: StatusIo,
): Promise<number> {
  const connections = connectionsOf(app, options.connection);
  if (typeof connections === 'string') {
    io.err(`pending list: ${connections}`);
    return EXIT.USAGE;
  }
  const entries = await listPending(app, connections);
  if (options.json) io.out(JSON.stringify(entries, null, 2));
  else if (entries.length === 0) io.out('no offers wait for approval');
  else
    for (const entry of entries)
      io.out(
        `${entry.ref}  ${JSON.stringify(entry.name)}  payout ${entry.payout ?? '-'}  ${entry.routes.join(', ')}  since ${entry.firstSeen}`,
      );
  return EXIT.OK;
}

/** Approves one offer and enqueues its sync along every route out of its connection. */
async function approveOne(app: App, ref: EntityRef, io: StatusIo): Promise<void> {
  const shown = `${ref.connection}:${formatEntityKey(ref.key)}`;
  const queued = await approveOffer(app, ref);
  for (const job of queued) io.out(`approved ${shown}: queued job ${job.jobId} on ${job.queue}`);
  if (queued.length === 0) io.out(`approved ${shown} (no route leaves ${ref.connection})`);
}

export async function runApprove(
  app: App,
  text: string | undefined,
  options: { all: boolean; connection?: string },
  io: StatusIo,
): Promise<number> {
  if ((text === undefined) === !options.all) {
    io.err('approve: give either a <connection>:offer:<id> or --all');
    return EXIT.USAGE;
  }
  if (text !== undefined) {
    if (options.connection !== undefined) {
      io.err('approve: --connection goes with --all (a ref names its connection already)');
      return EXIT.USAGE;
    }
    const ref = offerRef(app, text, 'approve', io);
    if (!ref) return EXIT.USAGE;
    await approveOne(app, ref, io);
    return EXIT.OK;
  }
  const connections = connectionsOf(app, options.connection);
  if (typeof connections === 'string') {
    io.err(`approve: ${connections}`);
    return EXIT.USAGE;
  }
  let count = 0;
  for (const connection of connections) {
    for (const key of await app.operator.pending.pendingKeys(connection)) {
      await approveOne(app, { connection, key }, io);
      count += 1;
    }
  }
  io.out(`${count} approved`);
  return EXIT.OK;
}

export async function runReject(app: App, text: string, io: StatusIo): Promise<number> {
  const ref = offerRef(app, text, 'reject', io);
  if (!ref) return EXIT.USAGE;
  const was = await rejectOffer(app, ref);
  const shown = `${ref.connection}:${formatEntityKey(ref.key)}`;
  io.out(`rejected ${shown}${was ? '' : ' (it was not pending; its syncs will skip it)'}`);
  return EXIT.OK;
}

function offerRef(app: App, text: string, command: string, io: StatusIo): EntityRef | undefined {
  const ref = refArgument(app.config, text);
  if (typeof ref === 'string') {
    io.err(`${command}: ${ref}`);
    return undefined;
  }
  const problem = notAnOffer(ref, text);
  if (problem) {
    io.err(`${command}: ${problem}`);
    return undefined;
  }
  return ref;
}

const stdio: StatusIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export const registerPendingCommands: CommandRegistrar = (program: Command) => {
  const pending = program
    .command('pending')
    .description('new offers that routes with approve_new hold for approval');
  pending
    .command('list')
    .option('--connection <name>', 'only the offers of this source connection')
    .option('--json', 'print JSON')
    .action(async (options: { connection?: string; json?: boolean }) => {
      process.exitCode = await withApp((app) =>
        runPendingList(app, { ...options, json: options.json === true }, stdio),
      );
    });
  program
    .command('approve')
    .description(
      'let a pending offer be created: enqueues its sync along every route out of its connection',
    )
    .argument('[ref]', '<connection>:offer:<id>')
    .option('--all', 'approve every pending offer (of --connection, else of all)')
    .option('--connection <name>', 'with --all: only this source connection')
    .action(async (text: string | undefined, options: { all?: boolean; connection?: string }) => {
      process.exitCode = await withApp((app) =>
        runApprove(app, text, { ...options, all: options.all === true }, stdio),
      );
    });
  program
    .command('reject')
    .description('keep a new offer from being created: its syncs skip it until approved')
    .argument('<ref>', '<connection>:offer:<id>')
    .action(async (text: string) => {
      process.exitCode = await withApp((app) => runReject(app, text, stdio));
    });
};
