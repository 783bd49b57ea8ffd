// `offer-sync lock <ref> [--reason text]` and `offer-sync unlock <ref>`: a locked entity is never
// written by any route (its syncs report `locked`, write nothing and are not retried), and its
// status says why. Locking the twin keeps the reverse route off it too.
import type { Command } from 'commander';
import type { App } from '../../app/app.js';
import { lockEntity, unlockEntity } from '../../app/operator-actions.js';
import { formatEntityKey } from '../../vocabulary/index.js';
import { refArgument } from '../entity-ref-arg.js';
import { EXIT, type CommandRegistrar } from '../program.js';
import { withApp } from '../with-app.js';
import type { StatusIo } from './status.js';

export async function runLock(
  app: App,
  text: string,
  reason: string,
  io: StatusIo,
): Promise<number> {
  const ref = refArgument(app.config, text);
  if (typeof ref === 'string') {
    io.err(`lock: ${ref}`);
    return EXIT.USAGE;
  }
  await lockEntity(app, ref, reason);
  io.out(`locked ${ref.connection}:${formatEntityKey(ref.key)}${reason ? `: ${reason}` : ''}`);
  return EXIT.OK;
}

export async function runUnlock(app: App, text: string, io: StatusIo): Promise<number> {
  const ref = refArgument(app.config, text);
  if (typeof ref === 'string') {
    io.err(`unlock: ${ref}`);
    return EXIT.USAGE;
  }
  const shown = `${ref.connection}:${formatEntityKey(ref.key)}`;
  if (!(await unlockEntity(app, ref))) {
    io.err(`unlock: ${shown} is not locked`);
    return EXIT.USAGE;
  }
  io.out(`unlocked ${shown}`);
  return EXIT.OK;
}

const stdio: StatusIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export const registerLockCommands: CommandRegistrar = (program: Command) => {
  program
    .command('lock')
    .description('keep every route from writing an entity until unlocked')
    .argument('<ref>', '<connection>:<entity>:<id>')
    .option('--reason <text>', 'why (status shows it)', '')
    .action(async (text: string, options: { reason: string }) => {
      process.exitCode = await withApp((app) => runLock(app, text, options.reason, stdio));
    });
  program
    .command('unlock')
    .description('let the routes write a locked entity again')
    .argument('<ref>', '<connection>:<entity>:<id>')
    .action(async (text: string) => {
      process.exitCode = await withApp((app) => runUnlock(app, text, stdio));
    });
};
